package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.Bytes;
import dev.parley.stun.Data;
import dev.parley.stun.MessageClass;
import dev.parley.stun.Method;
import dev.parley.stun.StunMessage;
import dev.parley.stun.XorPeerAddress;
import dev.parley.testing.TestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two clients relayed by one server behind a NAT (turn-external-ip): each knows the other's relayed
 * address only as the external one, which this loopback-only machine cannot even route. The server
 * recognises it as its own and delivers directly. The external address here is a private one (a
 * server behind a second NAT), which the default peer policy refuses: only the own-relay rule lets
 * it through, and only for ports that are relays.
 */
@Timeout(30)
final class HairpinTest {
  /**
   * Private and unroutable here: the policy refuses it and only the server's mapping can deliver.
   */
  private static final String EXTERNAL_IP = "10.99.0.7";

  private static TestServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("turn-external-ip=" + EXTERNAL_IP);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void clientsReachEachOthersExternalRelayedAddresses() throws Exception {
    try (TurnClient alice = client("alice");
        TurnClient bob = client("bob")) {
      InetSocketAddress aliceRelay = alice.allocate();
      InetSocketAddress bobRelay = bob.allocate();
      assertThat(aliceRelay.getAddress().getHostAddress()).isEqualTo(EXTERNAL_IP);
      assertThat(bobRelay.getAddress().getHostAddress()).isEqualTo(EXTERNAL_IP);
      permit(alice, bobRelay);
      permit(bob, aliceRelay);

      alice.indicate(Method.SEND, new XorPeerAddress(bobRelay), new Data(bytes("to bob")));
      StunMessage atBob = bob.receiveStun();
      assertThat(atBob.type().method()).isEqualTo(Method.DATA);
      assertThat(atBob.attribute(XorPeerAddress.class).orElseThrow().address())
          .isEqualTo(aliceRelay);
      assertThat(atBob.attribute(Data.class).orElseThrow().payload())
          .isEqualTo(Bytes.copyOf(bytes("to bob")));

      bob.indicate(Method.SEND, new XorPeerAddress(aliceRelay), new Data(bytes("to alice")));
      StunMessage atAlice = alice.receiveStun();
      assertThat(atAlice.attribute(XorPeerAddress.class).orElseThrow().address())
          .isEqualTo(bobRelay);
      assertThat(atAlice.attribute(Data.class).orElseThrow().payload())
          .isEqualTo(Bytes.copyOf(bytes("to alice")));
    }
  }

  @Test
  void anotherPortOfTheExternalAddressIsNoRelayAndIsRefused() throws Exception {
    try (TurnClient carol = client("carol")) {
      InetSocketAddress relay = carol.allocate();
      InetSocketAddress notARelay = new InetSocketAddress(relay.getAddress(), 9);
      StunMessage response = carol.request(Method.CREATE_PERMISSION, new XorPeerAddress(notARelay));
      assertThat(TurnClient.errorCode(response)).isEqualTo(403);
    }
  }

  private static TurnClient client(String id) throws Exception {
    return TurnServers.client(server, id);
  }

  private static void permit(TurnClient client, InetSocketAddress peer) throws Exception {
    StunMessage response = client.request(Method.CREATE_PERMISSION, new XorPeerAddress(peer));
    assertThat(response.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
