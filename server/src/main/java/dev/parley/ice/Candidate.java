package dev.parley.ice;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A local ICE candidate for the peer's SDP (RFC 8839 §5.1). Host candidates are the media port's
 * bound addresses; relayed ones through Parley's TURN are to come as {@link Type#RELAY}, with the
 * relayed address and the lower type preference, and need nothing else of this class.
 */
public record Candidate(String foundation, long priority, InetSocketAddress address, Type type) {
  /** The candidate types this agent offers, with their type preference (RFC 8445 §5.1.2.2). */
  public enum Type {
    HOST(126),
    RELAY(0);

    final int preference;

    Type(int preference) {
      this.preference = preference;
    }
  }

  /**
   * Host candidates for the bound addresses, the first most preferred; one component (rtcp-mux).
   */
  public static List<Candidate> hosts(List<InetSocketAddress> bound) {
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < bound.size(); i++) {
      candidates.add(
          new Candidate(
              Integer.toString(i + 1), priority(Type.HOST, 65535 - i), bound.get(i), Type.HOST));
    }
    return candidates;
  }

  /** RFC 8445 §5.1.2.1 for component 1. */
  static long priority(Type type, int localPreference) {
    return (1L << 24) * type.preference + (1L << 8) * localPreference + (256 - 1);
  }

  /** The a=candidate value: {@code candidate:1 1 udp 2130706431 192.0.2.1 3479 typ host}. */
  public String sdp() {
    String host = address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address && host.contains("%")) {
      host = host.substring(0, host.indexOf('%'));
    }
    return "candidate:"
        + foundation
        + " 1 udp "
        + priority
        + " "
        + host
        + " "
        + address.getPort()
        + " typ "
        + type.name().toLowerCase(Locale.ROOT);
  }
}
