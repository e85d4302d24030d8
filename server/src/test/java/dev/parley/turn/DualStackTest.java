package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials;
import dev.parley.stun.AdditionalAddressFamily;
import dev.parley.stun.AddressFamily;
import dev.parley.stun.Data;
import dev.parley.stun.MessageClass;
import dev.parley.stun.Method;
import dev.parley.stun.RequestedAddressFamily;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunMessage;
import dev.parley.stun.XorPeerAddress;
import dev.parley.stun.XorRelayedAddress;
import dev.parley.testing.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §7.2): on a server listening on 127.0.0.1 and ::1 an
 * allocation gets an IPv4 and an IPv6 relayed address and relays to peers of both families.
 */
@Timeout(30)
final class DualStackTest {
  private static TestServer dual;
  private static TestServer v4Only;
  private static TurnCredentials credentials;

  @BeforeAll
  static void start() throws InterruptedException {
    dual = TurnServers.start("turn-allow-private-peers=true", "turn-bind=127.0.0.1,::1");
    v4Only = TurnServers.start("turn-allow-private-peers=true");
    credentials =
        new TurnCredentials(TurnServers.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    dual.close();
    v4Only.close();
  }

  @Test
  void aDualStackAllocationRelaysToPeersOfBothFamilies() throws Exception {
    try (TurnClient client = client(dual, "dual");
        DatagramSocket v4Peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket v6Peer = new DatagramSocket(new InetSocketAddress("::1", 0))) {
      StunMessage response =
          client.request(
              Method.ALLOCATE,
              new RequestedTransport(RequestedTransport.UDP),
              new AdditionalAddressFamily(AddressFamily.IPV6));
      assertThat(response.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
      List<InetSocketAddress> relayed =
          response.attributes().stream()
              .filter(XorRelayedAddress.class::isInstance)
              .map(a -> ((XorRelayedAddress) a).address())
              .toList();
      assertThat(relayed).hasSize(2);
      assertThat(relayed.get(0).getAddress()).isInstanceOf(Inet4Address.class);
      assertThat(relayed.get(1).getAddress()).isInstanceOf(Inet6Address.class);

      for (DatagramSocket peer : List.of(v4Peer, v6Peer)) {
        InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
        assertThat(
                client
                    .request(Method.CREATE_PERMISSION, new XorPeerAddress(peerAddress))
                    .type()
                    .messageClass())
            .isEqualTo(MessageClass.SUCCESS_RESPONSE);
        client.indicate(Method.SEND, new XorPeerAddress(peerAddress), new Data(new byte[] {7}));
        peer.setSoTimeout(5000);
        DatagramPacket received = new DatagramPacket(new byte[10], 10);
        peer.receive(received);
        InetSocketAddress from = (InetSocketAddress) received.getSocketAddress();
        assertThat(relayed).contains(from);
        assertThat(from.getAddress().getClass()).isEqualTo(peerAddress.getAddress().getClass());

        peer.send(new DatagramPacket(new byte[] {8}, 1, from));
        StunMessage data = client.receiveStun();
        assertThat(data.attribute(XorPeerAddress.class).orElseThrow().address())
            .isEqualTo(peerAddress);
      }
    }
  }

  @Test
  void requestedAddressFamilyPicksTheOtherFamilyAlone() throws Exception {
    try (TurnClient client = client(dual, "v6-only")) {
      StunMessage response =
          client.request(
              Method.ALLOCATE,
              new RequestedTransport(RequestedTransport.UDP),
              new RequestedAddressFamily(AddressFamily.IPV6));
      assertThat(
              response.attributes().stream().filter(XorRelayedAddress.class::isInstance).toList())
          .hasSize(1);
      assertThat(response.attribute(XorRelayedAddress.class).orElseThrow().address().getAddress())
          .isInstanceOf(Inet6Address.class);
      InetSocketAddress v4Peer = new InetSocketAddress("127.0.0.1", 9);
      assertThat(
              TurnClient.errorCode(
                  client.request(Method.CREATE_PERMISSION, new XorPeerAddress(v4Peer))))
          .isEqualTo(443);
    }
  }

  @Test
  void malformedFamilyRequestsGet400() throws Exception {
    try (TurnClient client = client(dual, "malformed")) {
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.ALLOCATE,
                      new RequestedTransport(RequestedTransport.UDP),
                      new AdditionalAddressFamily(AddressFamily.IPV4))))
          .isEqualTo(400);
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.ALLOCATE,
                      new RequestedTransport(RequestedTransport.UDP),
                      new AdditionalAddressFamily(AddressFamily.IPV6),
                      new RequestedAddressFamily(AddressFamily.IPV4))))
          .isEqualTo(400);
    }
  }

  @Test
  void aServerWithoutIpv6Answers440() throws Exception {
    try (TurnClient client = client(v4Only, "no-v6")) {
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.ALLOCATE,
                      new RequestedTransport(RequestedTransport.UDP),
                      new AdditionalAddressFamily(AddressFamily.IPV6))))
          .isEqualTo(440);
      // A plain IPv4 allocation then works, and refuses IPv6 peers with 443.
      client.allocate();
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.CREATE_PERMISSION,
                      new XorPeerAddress(new InetSocketAddress("::1", 9)))))
          .isEqualTo(443);
    }
  }

  private static TurnClient client(TestServer server, String id) throws Exception {
    return new TurnClient(TurnServers.udp(server), credentials.issue(id, Duration.ofMinutes(5)));
  }
}
