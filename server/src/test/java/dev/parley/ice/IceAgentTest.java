package dev.parley.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.IntegrityKeys;
import dev.parley.stun.MessageClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.XorMappedAddress;
import dev.parley.testing.MediaClient;
import dev.parley.testing.TestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The media port's ICE-lite agent over real UDP on loopback, checked by a client built on the stun
 * codec.
 */
class IceAgentTest {
  private static final String REMOTE_UFRAG = "brws";

  private TestServer server;
  private IceAgent agent;
  private MediaClient client;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("media-port=0", "media-max-transports=3");
    agent = server.server().media().ice();
    client = new MediaClient(new InetSocketAddress("127.0.0.1", agent.port()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static String username(IceTransport transport) {
    return transport.local().ufrag() + ":" + REMOTE_UFRAG;
  }

  @Test
  void aCheckIsAnsweredWithTheSenderAddressSignedWithTheLocalPassword() throws Exception {
    IceTransport transport = agent.newTransport(REMOTE_UFRAG);
    StunMessage answer =
        client.request(MediaClient.check(username(transport), transport.local().pwd(), false));

    assertThat(answer.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
    assertThat(answer.attribute(XorMappedAddress.class).orElseThrow().address())
        .isEqualTo(client.localAddress());
    assertThat(answer.hasValidMessageIntegrity(IntegrityKeys.shortTerm(transport.local().pwd())))
        .isTrue();
    assertThat(answer.hasValidFingerprint()).isTrue();
    assertThat(transport.selectedAddress()).as("not nominated yet").isEmpty();
  }

  @Test
  void useCandidateSelectsTheSenderAddress() throws Exception {
    IceTransport transport = agent.newTransport(REMOTE_UFRAG);
    client.request(MediaClient.check(username(transport), transport.local().pwd(), true));

    assertThat(transport.selectedAddress()).contains(client.localAddress());
  }

  @Test
  void aWrongPasswordIsRefusedWith401AndChangesNothing() throws Exception {
    IceTransport transport = agent.newTransport(REMOTE_UFRAG);
    StunMessage answer =
        client.request(MediaClient.check(username(transport), "wrong-password-of-22-chars", true));

    assertThat(answer.type().messageClass()).isEqualTo(MessageClass.ERROR_RESPONSE);
    assertThat(answer.attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
    assertThat(answer.hasValidFingerprint()).isTrue();
    assertThat(transport.selectedAddress()).isEmpty();
    assertThat(agent.refused(401)).isEqualTo(1);
  }

  @Test
  void aWrongRemoteUfragIsRefusedWith401() throws Exception {
    IceTransport transport = agent.newTransport(REMOTE_UFRAG);
    StunMessage answer =
        client.request(
            MediaClient.check(transport.local().ufrag() + ":othr", transport.local().pwd(), true));

    assertThat(answer.attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
    assertThat(transport.selectedAddress()).isEmpty();
  }

  @Test
  void unknownUfragsAreDroppedUnansweredAndCounted() throws Exception {
    IceTransport transport = agent.newTransport(REMOTE_UFRAG);
    client.request(MediaClient.check(username(transport), transport.local().pwd(), true));
    try (MediaClient flood = new MediaClient(new InetSocketAddress("127.0.0.1", agent.port()))) {
      for (int i = 0; i < 200; i++) {
        flood.send(
            MediaClient.check("nobody" + i + ":" + REMOTE_UFRAG, "any-password-of-22-chars", true));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> agent.dropped(Drop.UNKNOWN_UFRAG) == 200);
      assertThat(flood.receivesWithin(200)).isFalse();
    }
    assertThat(transport.selectedAddress())
        .as("the established transport is untouched")
        .contains(client.localAddress());
    assertThat(
            client
                .request(MediaClient.check(username(transport), transport.local().pwd(), false))
                .type()
                .messageClass())
        .isEqualTo(MessageClass.SUCCESS_RESPONSE);
  }

  @Test
  void dtlsAndRtpFromAnUnselectedAddressAreDropped() throws Exception {
    agent.newTransport(REMOTE_UFRAG);
    client.send(new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0});
    client.send(new byte[] {(byte) 0x80, 0, 0, 1});
    client.send(new byte[] {(byte) 0xFF});

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                agent.dropped(Drop.UNSELECTED_ADDRESS) == 2
                    && agent.dropped(Drop.UNKNOWN_CLASS) == 1);
  }

  @Test
  void aTransportWithoutChecksForTheConsentTimeoutIsClosed() throws Exception {
    server.close();
    server = TestServer.start("media-port=0", "media-consent-timeout=500ms");
    agent = server.server().media().ice();
    client.close();
    client = new MediaClient(new InetSocketAddress("127.0.0.1", agent.port()));
    IceTransport transport = agent.newTransport(REMOTE_UFRAG);
    CountDownLatch closed = new CountDownLatch(1);
    transport.onClose(closed::countDown);
    client.request(MediaClient.check(username(transport), transport.local().pwd(), true));

    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(transport.isClosed()).isTrue();
    assertThat(agent.transports()).isZero();
    client.send(MediaClient.check(username(transport), transport.local().pwd(), false));
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.dropped(Drop.UNKNOWN_UFRAG) == 1);
  }

  @Test
  void transportsBeyondTheLimitAreRefused() {
    for (int i = 0; i < 3; i++) {
      agent.newTransport(REMOTE_UFRAG);
    }
    assertThatThrownBy(() -> agent.newTransport(REMOTE_UFRAG))
        .isInstanceOf(TransportLimitException.class)
        .hasMessageContaining("media-max-transports");
    assertThat(agent.transports()).isEqualTo(3);
  }

  @Test
  void hostCandidatesNameTheBoundPort() {
    assertThat(agent.candidates())
        .singleElement()
        .satisfies(
            candidate ->
                assertThat(candidate.sdp())
                    .isEqualTo(
                        "candidate:1 1 udp 2130706431 127.0.0.1 " + agent.port() + " typ host"));
  }
}
