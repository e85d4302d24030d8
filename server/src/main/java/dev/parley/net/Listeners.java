package dev.parley.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every Parley listener (HTTP, STUN/TURN) reads its bind hosts and listens on them: one port
 * shared by all addresses, {@code localhost} meaning both loopback addresses, and IPv6 loopback
 * skipped with a warning on a host that has none.
 */
public final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);
  private static final Pattern NATIVE_PREFIX =
      Pattern.compile("^\\w+\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ");

  /** Listens on one address and returns the address bound. */
  @FunctionalInterface
  public interface Binder {
    InetSocketAddress bind(InetAddress address, int port) throws Exception;
  }

  private Listeners() {}

  /** The addresses of the hosts, in order: {@code localhost} is 127.0.0.1 and ::1. */
  public static Set<InetAddress> resolve(List<String> hosts) {
    Set<InetAddress> addresses = new LinkedHashSet<>();
    for (String host : hosts) {
      try {
        if (host.equals("localhost")) {
          addresses.add(InetAddress.getByName("127.0.0.1"));
          addresses.add(InetAddress.getByName("::1"));
        } else {
          addresses.addAll(List.of(InetAddress.getAllByName(host)));
        }
      } catch (UnknownHostException e) {
        throw new BindException("cannot listen on '" + host + "': no such host or address", e);
      }
    }
    return addresses;
  }

  /**
   * Binds every address of the hosts. With port 0 the first address is given a free port and every
   * other one takes the same, so one port serves all.
   *
   * @param service what listens, for the error message: {@code HTTP}, {@code STUN/TURN}
   * @throws BindException naming the service and the address that could not be bound (other than
   *     IPv6 loopback on a host without it, once another address is bound)
   */
  public static List<InetSocketAddress> bindAll(
      String service, List<String> hosts, int port, Binder binder) {
    List<InetSocketAddress> bound = new ArrayList<>();
    int shared = port;
    for (InetAddress address : resolve(hosts)) {
      try {
        InetSocketAddress local = binder.bind(address, shared);
        bound.add(local);
        shared = local.getPort();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (address.isLoopbackAddress() && address instanceof Inet6Address && !bound.isEmpty()) {
          log.warn(
              "IPv6 loopback {} not available ({}); listening on IPv4 only",
              address.getHostAddress(),
              e.getMessage());
          continue;
        }
        String where =
            (address instanceof Inet6Address
                    ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress())
                + ":"
                + shared;
        throw new BindException(
            "cannot listen for " + service + " on " + where + ": " + reason(e), e);
      }
    }
    return bound;
  }

  /**
   * The operating system's words for a failed bind, without the name of the native call that
   * Netty's epoll transport puts in front ({@code bind(..) failed: Address already in use}).
   */
  private static String reason(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException) {
        return "no such host";
      }
      if (t.getMessage() != null) {
        return NATIVE_PREFIX.matcher(t.getMessage()).replaceFirst("");
      }
    }
    return e.getClass().getSimpleName();
  }

  /** Thrown when an address cannot be listened on; the message names it. */
  public static final class BindException extends RuntimeException {
    BindException(String message, Exception cause) {
      super(message, cause);
    }
  }
}
