package dev.parley.turn;

import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The DF bit on relay sockets, for DONT-FRAGMENT (RFC 8656 §7.2, §18.9). Java has no socket option
 * for it; Linux sets it per socket with IP_MTU_DISCOVER = IP_PMTUDISC_DO (IPv6: IPV6_MTU_DISCOVER,
 * which also stops the kernel fragmenting locally), which Netty's epoll transport can set as a raw
 * option. Without epoll the bit cannot be honoured, and the RFC then has the server treat
 * DONT-FRAGMENT as an unknown comprehension-required attribute (420).
 */
final class DontFragmentSockets {
  // Values from Linux's <linux/in.h> and <linux/in6.h>, stable ABI.
  private static final int IPPROTO_IP = 0;
  private static final int IP_MTU_DISCOVER = 10;
  private static final int IPPROTO_IPV6 = 41;
  private static final int IPV6_MTU_DISCOVER = 23;

  /** Always set DF, never fragment; a datagram over the path MTU fails with EMSGSIZE. */
  static final int PMTUDISC_DO = 2;

  static final ChannelOption<Integer> IPV4 =
      new IntegerUnixChannelOption("IP_MTU_DISCOVER", IPPROTO_IP, IP_MTU_DISCOVER);
  static final ChannelOption<Integer> IPV6 =
      new IntegerUnixChannelOption("IPV6_MTU_DISCOVER", IPPROTO_IPV6, IPV6_MTU_DISCOVER);

  private DontFragmentSockets() {}

  static boolean supported(Class<? extends DatagramChannel> channelClass) {
    return EpollDatagramChannel.class.isAssignableFrom(channelClass);
  }

  /** The option that sets DF on a socket bound to an address of this family. */
  static ChannelOption<Integer> option(InetAddress address) {
    return address instanceof Inet6Address ? IPV6 : IPV4;
  }
}
