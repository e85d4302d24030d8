package dev.parley.turn;

import dev.parley.auth.TurnCredentials;
import dev.parley.config.TurnConfig;
import dev.parley.metrics.Metrics;
import dev.parley.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded STUN/TURN server (RFC 8489, RFC 8656): a UDP socket and a TCP listener on the
 * same port for every bind address, and the allocations they make.
 */
public final class TurnServer {
  private static final Logger log = LoggerFactory.getLogger(TurnServer.class);
  /** How long a nonce stays fresh; a client that keeps using one after that gets 438 and a new one. */
  static final Duration NONCE_LIFETIME = Duration.ofMinutes(10);
  /**
   * Socket buffers of UDP listeners and relays: the kernel default (about 200 KiB) overflows
   * when a burst arrives while the event loop is busy, and a lost datagram is a lost media
   * packet. The kernel caps it at net.core.rmem_max.
   */
  static final int UDP_BUFFER_BYTES = 1024 * 1024;

  private final TurnConfig config;
  private final Transport transport;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final Allocations allocations;
  private final Dispatcher dispatcher;
  private final List<String> bindHosts;
  private final List<Channel> listeners = new ArrayList<>();
  private final List<InetSocketAddress> udpAddresses = new ArrayList<>();
  private final List<InetSocketAddress> tcpAddresses = new ArrayList<>();

  /** @param defaultBind the HTTP listener's hosts, used when {@code turn-bind} is unset */
  public TurnServer(TurnConfig config, List<String> defaultBind, TurnCredentials credentials, byte[] secret,
      Transport transport, EventLoopGroup acceptors, EventLoopGroup workers, Metrics metrics, Clock clock) {
    this.config = config;
    this.transport = transport;
    this.acceptors = acceptors;
    this.workers = workers;
    this.allocations = new Allocations(config.maxAllocationsPerUser(), config.maxAllocations());
    TurnMetrics turnMetrics = new TurnMetrics(metrics);
    turnMetrics.gauges(metrics, allocations::count, allocations::permissions, allocations::channels);
    Authenticator authenticator = new Authenticator(config.realm(), credentials,
        new Nonces(secret, clock, NONCE_LIFETIME), turnMetrics, config.authFailuresPerMinute());
    TurnContext context = new TurnContext(config, allocations, new PeerPolicy(config.allowPrivatePeers()),
        authenticator, new RelayPorts(config.relayPorts(), transport.datagramChannel()), turnMetrics, clock,
        this::advertised);
    this.dispatcher = new Dispatcher(context);
    this.bindHosts = config.bind() != null ? config.bind() : defaultBind;
  }

  /** Binds UDP, then TCP on the same port, for every address; throws if any cannot be bound. */
  public void bind() throws InterruptedException {
    int port = config.port();
    for (InetAddress address : addresses(bindHosts)) {
      Channel udp = new Bootstrap().group(workers).channel(transport.datagramChannel())
          .option(ChannelOption.SO_RCVBUF, UDP_BUFFER_BYTES)
          .option(ChannelOption.SO_SNDBUF, UDP_BUFFER_BYTES)
          .handler(new UdpHandler(dispatcher))
          .bind(address, port).sync().channel();
      listeners.add(udp);
      InetSocketAddress udpAddress = (InetSocketAddress) udp.localAddress();
      udpAddresses.add(udpAddress);
      // With port 0 the first UDP socket picks; every other listener follows it, so one port serves all.
      port = udpAddress.getPort();
      Channel tcp = new ServerBootstrap().group(acceptors, workers).channel(transport.serverChannel())
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              channel.pipeline().addLast(new StreamFramer(), new TcpHandler(dispatcher, allocations));
            }
          })
          .bind(address, port).sync().channel();
      listeners.add(tcp);
      tcpAddresses.add((InetSocketAddress) tcp.localAddress());
    }
    log.info("STUN/TURN listening on {} (UDP and TCP), relaying on ports {}", udpAddresses, config.relayPorts());
  }

  /** Closes the listeners and every allocation. */
  public void stop() {
    listeners.forEach(Channel::close);
    allocations.removeAll();
  }

  public List<InetSocketAddress> udpAddresses() {
    return Collections.unmodifiableList(udpAddresses);
  }

  public List<InetSocketAddress> tcpAddresses() {
    return Collections.unmodifiableList(tcpAddresses);
  }

  public int port() {
    return udpAddresses.getFirst().getPort();
  }

  /** Allocations held right now. */
  public int allocations() {
    return allocations.count();
  }

  /**
   * The address clients are told for a local one: the configured external IP, else the address
   * itself, else (for a wildcard) the first address of an interface that is up.
   */
  public InetAddress advertised(InetAddress local) {
    if (config.externalIp() != null) {
      return literal(config.externalIp());
    }
    if (!local.isAnyLocalAddress()) {
      return local;
    }
    return firstInterfaceAddress().orElse(local);
  }

  private static java.util.Optional<InetAddress> firstInterfaceAddress() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(TurnServer::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .findFirst();
    } catch (SocketException e) {
      return java.util.Optional.empty();
    }
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp() && !nic.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip); // an IP literal, checked by the setting: no DNS lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
  }

  /** As the HTTP listener reads {@code bind}: localhost means both loopback addresses. */
  static Set<InetAddress> addresses(List<String> hosts) {
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
        throw new IllegalArgumentException("cannot resolve TURN bind address " + host, e);
      }
    }
    return addresses;
  }
}
