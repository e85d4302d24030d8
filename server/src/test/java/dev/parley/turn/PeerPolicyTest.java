package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PeerPolicyTest {
  private final PeerPolicy strict = new PeerPolicy(false);

  @ParameterizedTest(name = "{0} is refused ({1})")
  @CsvSource({
    "127.0.0.1, loopback",
    "127.8.9.10, loopback",
    "::1, IPv6 loopback",
    "10.1.2.3, RFC 1918",
    "172.16.0.1, RFC 1918",
    "192.168.1.1, RFC 1918",
    "100.64.0.1, CGNAT",
    "100.127.255.254, CGNAT",
    "169.254.169.254, link-local (cloud metadata)",
    "fe80::1, IPv6 link-local",
    "fc00::1, ULA",
    "fd12:3456::1, ULA",
    "224.0.0.1, multicast",
    "ff02::1, IPv6 multicast",
    "0.0.0.0, unspecified",
    "::, IPv6 unspecified",
    "255.255.255.255, broadcast",
    "::ffff:127.0.0.1, IPv4-mapped loopback",
    "::ffff:169.254.169.254, IPv4-mapped metadata",
    "::127.0.0.1, IPv4-compatible loopback",
    "::10.0.0.1, IPv4-compatible private",
    "64:ff9b::7f00:1, NAT64 loopback",
    "64:ff9b::a9fe:a9fe, NAT64 metadata",
    "2002:7f00:1::1, 6to4 loopback",
    "2002:c0a8:101::1, 6to4 private",
    "2001:0:4136:e378:8000:63bf:80ff:fffe, Teredo client 127.0.0.1",
  })
  void refused(String address, String why) throws Exception {
    assertThat(strict.permits(InetAddress.getByName(address))).as(why).isFalse();
  }

  @ParameterizedTest(name = "{0} is allowed")
  @CsvSource({
    "8.8.8.8",
    "1.1.1.1",
    "100.128.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  })
  void allowed(String address) throws Exception {
    assertThat(strict.permits(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest(name = "{0} is allowed when private peers are")
  @CsvSource({"127.0.0.1", "10.0.0.1", "::1"})
  void allowedWhenConfigured(String address) throws Exception {
    assertThat(new PeerPolicy(true).permits(InetAddress.getByName(address))).isTrue();
  }

  @Test
  void theNodesOwnPeersPassByExactAddressAndPortOnly() throws Exception {
    PeerPolicy policy = new PeerPolicy(false);
    policy.alsoPermit(List.of(new InetSocketAddress("127.0.0.1", 7882)));

    assertThat(policy.permits(new InetSocketAddress("127.0.0.1", 7882))).isTrue();
    assertThat(policy.permits(new InetSocketAddress("::ffff:127.0.0.1", 7882)))
        .as("the same address, IPv4-mapped")
        .isTrue();
    assertThat(policy.permits(new InetSocketAddress("127.0.0.1", 7883))).isFalse();
    assertThat(policy.permits(new InetSocketAddress("127.0.0.2", 7882))).isFalse();
    assertThat(policy.permits(InetAddress.getByName("127.0.0.1")))
        .as("an address alone, as a permission is")
        .isFalse();
  }
}
