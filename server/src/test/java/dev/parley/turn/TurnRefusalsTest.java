package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.stun.AddressFamily;
import dev.parley.stun.ChannelNumber;
import dev.parley.stun.Data;
import dev.parley.stun.MessageClass;
import dev.parley.stun.Method;
import dev.parley.stun.Nonce;
import dev.parley.stun.RawAttribute;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedAddressFamily;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunMessage;
import dev.parley.stun.UnknownAttributes;
import dev.parley.stun.XorPeerAddress;
import dev.parley.testing.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every refusal with its error code, against a server with the default peer policy. */
@Timeout(30)
final class TurnRefusalsTest {
  private static final byte[] SECRET = TurnServers.SECRET.getBytes(StandardCharsets.UTF_8);
  private static TestServer server;
  private static TurnCredentials credentials;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("turn-max-allocations-per-user=2");
    credentials = new TurnCredentials(SECRET, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static TurnClient client(String id) throws Exception {
    return new TurnClient(TurnServers.udp(server), credentials.issue(id, Duration.ofMinutes(5)));
  }

  private static StunMessage allocate(TurnClient client) throws Exception {
    return client.request(Method.ALLOCATE, new RequestedTransport(RequestedTransport.UDP));
  }

  @Test
  void theChallengeCarriesRealmAndNonceAndNoIntegrity() throws Exception {
    try (TurnClient client = client("a")) {
      StunMessage challenge = client.requestUnsigned(Method.ALLOCATE, new RequestedTransport(17));

      assertThat(TurnClient.errorCode(challenge)).isEqualTo(401);
      assertThat(challenge.attribute(Realm.class).orElseThrow().value()).isEqualTo("parley");
      assertThat(challenge.attribute(Nonce.class)).isPresent();
      assertThat(challenge.attribute(dev.parley.stun.MessageIntegrity.class)).isEmpty();
    }
  }

  @Test
  void aWrongPasswordGets401() throws Exception {
    Credential good = credentials.issue("mallory", Duration.ofMinutes(5));
    try (TurnClient client =
        new TurnClient(TurnServers.udp(server), new Credential(good.username(), "wrong"))) {
      assertThat(TurnClient.errorCode(allocate(client))).isEqualTo(401);
    }
  }

  @Test
  void anExpiredUsernameGets401() throws Exception {
    TurnCredentials yesterday =
        new TurnCredentials(
            SECRET, Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));
    try (TurnClient client =
        new TurnClient(TurnServers.udp(server), yesterday.issue("old", Duration.ofHours(1)))) {
      assertThat(TurnClient.errorCode(allocate(client))).isEqualTo(401);
    }
  }

  @Test
  void aStaleNonceGets438WithAFreshOne() throws Exception {
    Nonces old =
        new Nonces(
            SECRET,
            Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC),
            TurnServer.NONCE_LIFETIME);
    try (TurnClient client = client("stale")) {
      client.requestUnsigned(Method.ALLOCATE); // learns the realm
      client.allocate(); // and a nonce
      String stale = old.issue();
      client.nonce(stale);

      StunMessage refused = client.requestOnce(Method.REFRESH);

      assertThat(TurnClient.errorCode(refused)).isEqualTo(438);
      assertThat(refused.attribute(Nonce.class).orElseThrow().value()).isNotEqualTo(stale);
      assertThat(client.request(Method.REFRESH).type().messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);
    }
  }

  @Test
  void loopbackPeersAreRefusedWith403InCreatePermissionAndChannelBind() throws Exception {
    try (TurnClient client = client("ssrf");
        DatagramSocket peer = new DatagramSocket(0, loopback())) {
      client.allocate();
      InetSocketAddress target = new InetSocketAddress("127.0.0.1", peer.getLocalPort());

      assertThat(
              TurnClient.errorCode(
                  client.request(Method.CREATE_PERMISSION, new XorPeerAddress(target))))
          .isEqualTo(403);
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.CHANNEL_BIND, new ChannelNumber(0x4000), new XorPeerAddress(target))))
          .isEqualTo(403);
      for (String denied :
          List.of("10.0.0.1", "100.64.0.1", "169.254.169.254", "224.0.0.1", "0.0.0.0")) {
        assertThat(
                TurnClient.errorCode(
                    client.request(
                        Method.CREATE_PERMISSION,
                        new XorPeerAddress(new InetSocketAddress(denied, 9)))))
            .as(denied)
            .isEqualTo(403);
      }
    }
  }

  @Test
  void sendToALoopbackPeerIsDropped() throws Exception {
    try (TurnClient client = client("ssrf-send");
        DatagramSocket peer = new DatagramSocket(0, loopback())) {
      client.allocate();
      peer.setSoTimeout(300);
      client.indicate(
          Method.SEND,
          new XorPeerAddress(new InetSocketAddress("127.0.0.1", peer.getLocalPort())),
          new Data(new byte[] {1, 2, 3}));
      assertThat(receivesNothing(peer)).isTrue();
    }
  }

  @Test
  void theServersOwnRelayedAddressesAreAlwaysReachable() throws Exception {
    try (TurnClient alice = client("alice");
        TurnClient bob = client("bob")) {
      InetSocketAddress aliceRelay = alice.allocate();
      InetSocketAddress bobRelay = bob.allocate();

      assertThat(
              alice
                  .request(Method.CREATE_PERMISSION, new XorPeerAddress(bobRelay))
                  .type()
                  .messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);
      assertThat(
              bob.request(Method.CREATE_PERMISSION, new XorPeerAddress(aliceRelay))
                  .type()
                  .messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);
      alice.indicate(
          Method.SEND,
          new XorPeerAddress(bobRelay),
          new Data("hi".getBytes(StandardCharsets.UTF_8)));
      StunMessage data = bob.receiveStun();
      assertThat(data.attribute(XorPeerAddress.class).orElseThrow().address())
          .isEqualTo(aliceRelay);
    }
  }

  @Test
  void aSecondAllocateOnTheSameFiveTupleGets437() throws Exception {
    try (TurnClient client = client("twice")) {
      client.allocate();
      assertThat(TurnClient.errorCode(allocate(client))).isEqualTo(437);
    }
  }

  @Test
  void requestsWithoutAnAllocationGet437() throws Exception {
    try (TurnClient client = client("none")) {
      assertThat(TurnClient.errorCode(client.request(Method.REFRESH))).isEqualTo(437);
    }
  }

  @Test
  void anotherUsernameOnTheAllocationGets441() throws Exception {
    try (TurnClient client = client("owner")) {
      client.allocate();
      client.credential(credentials.issue("intruder", Duration.ofMinutes(5)));
      assertThat(TurnClient.errorCode(client.request(Method.REFRESH))).isEqualTo(441);
    }
  }

  @Test
  void allocateWithoutUdpTransportGets400Or442() throws Exception {
    try (TurnClient client = client("tcp")) {
      assertThat(TurnClient.errorCode(client.request(Method.ALLOCATE))).isEqualTo(400);
      assertThat(TurnClient.errorCode(client.request(Method.ALLOCATE, new RequestedTransport(6))))
          .isEqualTo(442);
    }
  }

  @Test
  void anIpv6RelayOnAnIpv4ListenerGets440() throws Exception {
    try (TurnClient client = client("v6")) {
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.ALLOCATE,
                      new RequestedTransport(17),
                      new RequestedAddressFamily(AddressFamily.IPV6))))
          .isEqualTo(440);
    }
  }

  @Test
  void unknownComprehensionRequiredAttributesGet420() throws Exception {
    try (TurnClient client = client("unknown")) {
      StunMessage response =
          client.requestUnsigned(Method.BINDING, new RawAttribute(0x7777, new byte[4]));
      assertThat(TurnClient.errorCode(response)).isEqualTo(420);
      assertThat(response.attribute(UnknownAttributes.class).orElseThrow().types())
          .containsExactly(0x7777);
    }
  }

  @Test
  void channelNumbersOutsideTheRangeAndConflictingBindingsGet400() throws Exception {
    try (TurnClient client = client("channels")) {
      InetSocketAddress self = client.allocate();
      InetSocketAddress other =
          new InetSocketAddress(
              self.getAddress(), self.getPort() == 65535 ? 1 : self.getPort() + 1);
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.CHANNEL_BIND, new ChannelNumber(0x3FFF), new XorPeerAddress(self))))
          .isEqualTo(400);
      assertThat(
              TurnClient.errorCode(client.request(Method.CHANNEL_BIND, new ChannelNumber(0x4000))))
          .isEqualTo(400);
      assertThat(
              client
                  .request(Method.CHANNEL_BIND, new ChannelNumber(0x4000), new XorPeerAddress(self))
                  .type()
                  .messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);
      // The same pair again refreshes; the channel for another peer, or the peer on another
      // channel, is refused.
      assertThat(
              client
                  .request(Method.CHANNEL_BIND, new ChannelNumber(0x4000), new XorPeerAddress(self))
                  .type()
                  .messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.CHANNEL_BIND, new ChannelNumber(0x4000), new XorPeerAddress(other))))
          .isIn(400, 403);
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.CHANNEL_BIND, new ChannelNumber(0x4001), new XorPeerAddress(self))))
          .isEqualTo(400);
    }
  }

  @Test
  void theAllocationQuotaPerUserGets486() throws Exception {
    Credential shared = credentials.issue("greedy", Duration.ofMinutes(5));
    try (TurnClient first = new TurnClient(TurnServers.udp(server), shared);
        TurnClient second = new TurnClient(TurnServers.udp(server), shared);
        TurnClient third = new TurnClient(TurnServers.udp(server), shared)) {
      first.allocate();
      second.allocate();
      assertThat(TurnClient.errorCode(allocate(third))).isEqualTo(486);
      first.refresh(0);
      third.allocate();
    }
  }

  private static java.net.InetAddress loopback() throws Exception {
    return java.net.InetAddress.getByName("127.0.0.1");
  }

  private static boolean receivesNothing(DatagramSocket socket) throws Exception {
    try {
      socket.receive(new DatagramPacket(new byte[64], 64));
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    }
  }
}
