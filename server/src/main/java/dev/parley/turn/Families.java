package dev.parley.turn;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/** Address family comparisons: a relay reaches only peers of its own family (RFC 8656 §9.2, §11.2). */
final class Families {
  private Families() {}

  static boolean same(InetSocketAddress a, InetSocketAddress b) {
    return (a.getAddress() instanceof Inet4Address) == (b.getAddress() instanceof Inet4Address);
  }
}
