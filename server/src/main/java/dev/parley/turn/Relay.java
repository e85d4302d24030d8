package dev.parley.turn;

import dev.parley.stun.AddressFamily;
import io.netty.channel.Channel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One relayed transport address of an allocation (a dual-stack allocation has two, RFC 8656 §7.2):
 * its UDP socket, the address clients and peers are told ({@code turn-external-ip} when set), and
 * the address the socket is reached at from this host, which differs behind a NAT.
 */
record Relay(Channel channel, InetSocketAddress advertised, InetSocketAddress internal) {

  /** A relay for a bound socket, advertised with {@code advertisedIp}. */
  static Relay of(Channel channel, InetAddress advertisedIp) {
    InetSocketAddress local = (InetSocketAddress) channel.localAddress();
    InetAddress reachable = local.getAddress();
    if (reachable.isAnyLocalAddress()) {
      // A socket on the wildcard address is reached from this host through loopback.
      reachable = loopback(reachable instanceof Inet6Address);
    }
    return new Relay(
        channel,
        new InetSocketAddress(advertisedIp, local.getPort()),
        new InetSocketAddress(reachable, local.getPort()));
  }

  private static InetAddress loopback(boolean v6) {
    try {
      return InetAddress.getByName(v6 ? "::1" : "127.0.0.1");
    } catch (UnknownHostException e) {
      throw new AssertionError("a literal needs no lookup", e);
    }
  }

  /** Whether a peer is of this relay's address family: a relay reaches only those (§9.2, §11.2). */
  boolean sameFamily(InetSocketAddress peer) {
    return AddressFamily.of(peer.getAddress()) == family();
  }

  AddressFamily family() {
    return AddressFamily.of(advertised.getAddress());
  }
}
