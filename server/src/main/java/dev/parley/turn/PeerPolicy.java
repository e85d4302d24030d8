package dev.parley.turn;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which peers a client may relay to. A TURN server that relays anywhere lets anyone on the Internet
 * reach its loopback, its private network and cloud metadata (169.254.169.254), so by default only
 * public unicast peers pass. Addresses that embed an IPv4 address are unwrapped first, or {@code
 * ::ffff:127.0.0.1} and {@code 64:ff9b::7f00:1} would walk past the check. The node's own media
 * port passes wherever it is bound, by its exact addresses and port, so that a browser reaching the
 * node only through TURN gets SFU media, while the other ports of those addresses stay refused.
 */
final class PeerPolicy {
  private final boolean allowPrivate;

  /** Canonical addresses with their ports; set once the media port is bound. */
  private volatile Set<InetSocketAddress> ownPeers = Set.of();

  PeerPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** Whether a peer at this address may be reached through the relay, whatever its port. */
  boolean permits(InetAddress peer) {
    return allowPrivate || isPublic(canonical(peer));
  }

  /** Whether this peer may be reached: its address is, or it is one of {@link #alsoPermit}'s. */
  boolean permits(InetSocketAddress peer) {
    return permits(peer.getAddress()) || ownPeers.contains(canonical(peer));
  }

  /** Replaces the exact addresses and ports that pass whatever their address (the media port). */
  void alsoPermit(Collection<InetSocketAddress> peers) {
    ownPeers = peers.stream().map(PeerPolicy::canonical).collect(Collectors.toUnmodifiableSet());
  }

  private static InetSocketAddress canonical(InetSocketAddress peer) {
    return new InetSocketAddress(canonical(peer.getAddress()), peer.getPort());
  }

  /**
   * The IPv4 address an IPv6 address carries, if it is one of the forms that do: IPv4-mapped
   * ::ffff:0:0/96 and IPv4-compatible ::/96 (RFC 4291 §2.5.5), NAT64 64:ff9b::/96 (RFC 6052), 6to4
   * 2002::/16 (RFC 3056) and Teredo 2001::/32, whose client address is inverted (RFC 4380 §4).
   */
  static InetAddress canonical(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] b = address.getAddress();
    if (allZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      return v4(b[12], b[13], b[14], b[15]);
    }
    if (allZero(b, 0, 12) && !allZero(b, 12, 15)) {
      return v4(b[12], b[13], b[14], b[15]);
    }
    if (b[0] == 0x00
        && b[1] == 0x64
        && (b[2] & 0xFF) == 0xFF
        && (b[3] & 0xFF) == 0x9B
        && allZero(b, 4, 12)) {
      return v4(b[12], b[13], b[14], b[15]);
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return v4(b[2], b[3], b[4], b[5]);
    }
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) {
      return v4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]);
    }
    return address;
  }

  private static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xFF;
      int second = b[1] & 0xFF;
      return first != 0 // "this network", RFC 791
          && !(first == 100 && (second & 0xC0) == 64) // CGNAT 100.64.0.0/10, RFC 6598
          && !(first == 192 && second == 0 && b[2] == 0) // IETF protocol assignments, RFC 6890
          && first < 240; // reserved and broadcast
    }
    return (b[0] & 0xFE) != 0xFC // unique local fc00::/7, RFC 4193
        && !allZero(b, 0, 16); // ::
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress v4(byte a, byte b, byte c, byte d) {
    try {
      return InetAddress.getByAddress(new byte[] {a, b, c, d});
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are always an IPv4 address", e);
    }
  }

  @Override
  public String toString() {
    return "PeerPolicy[allowPrivate=" + allowPrivate + ", ownPeers=" + ownPeers + "]";
  }
}
