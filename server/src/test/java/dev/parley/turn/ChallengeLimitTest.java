package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.testing.TestServer;
import dev.parley.turn.stun.MessageClass;
import dev.parley.turn.stun.MessageType;
import dev.parley.turn.stun.Method;
import dev.parley.turn.stun.RequestedTransport;
import dev.parley.turn.stun.StunMessage;
import dev.parley.turn.stun.TransactionId;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 401s are answers to packets whose source may be forged, and failed authentications are guesses
 * at passwords: one source gets a bounded number of each, while other sources carry on.
 */
@Timeout(30)
final class ChallengeLimitTest {
  @Test
  void aFloodOfUnauthenticatedAllocatesGetsABoundedNumberOf401s() throws Exception {
    try (TestServer server = TurnServers.start(); TurnClient client = new TurnClient(TurnServers.udp(server), null)) {
      byte[] request = new StunMessage(new MessageType(Method.ALLOCATE, MessageClass.REQUEST), TransactionId.random(),
          List.of(new RequestedTransport(17))).encode();
      int sent = 500;
      for (int i = 0; i < sent; i++) {
        client.send(request);
      }
      int answers = 0;
      try {
        while (true) {
          client.receive();
          answers++;
          if (answers == sent) {
            break;
          }
        }
      } catch (SocketTimeoutException expected) {
        // no more answers
      }
      // The burst, plus what refills while the flood is sent.
      assertThat(answers).isBetween(50, 200);

      // Another source is challenged as usual.
      try (TurnClient other = new TurnClient(TurnServers.udp(server), null, "127.0.0.2")) {
        assertThat(TurnClient.errorCode(other.requestUnsigned(Method.ALLOCATE, new RequestedTransport(17))))
            .isEqualTo(401);
      }
    }
  }

  @Test
  void pastItsAuthenticationFailuresASourceIsNoLongerAnsweredWhileOthersAllocate() throws Exception {
    try (TestServer server = TurnServers.start("turn-auth-failures-per-minute=3")) {
      TurnCredentials credentials = new TurnCredentials(TurnServers.SECRET.getBytes(StandardCharsets.UTF_8),
          Clock.systemUTC());
      Credential good = credentials.issue("mallory", Duration.ofMinutes(5));
      try (TurnClient guesser = new TurnClient(TurnServers.udp(server), new Credential(good.username(), "guess"))) {
        for (int i = 0; i < 3; i++) {
          assertThat(TurnClient.errorCode(guesser.requestOnce(Method.ALLOCATE, new RequestedTransport(17))))
              .isEqualTo(401);
        }
        // The fourth guess, and even the right password, now go unanswered for this source.
        assertThatThrownBy(() -> guesser.requestOnce(Method.ALLOCATE, new RequestedTransport(17)))
            .isInstanceOf(SocketTimeoutException.class);
        guesser.credential(good);
        assertThatThrownBy(() -> guesser.requestOnce(Method.ALLOCATE, new RequestedTransport(17)))
            .isInstanceOf(SocketTimeoutException.class);
      }
      try (TurnClient honest = new TurnClient(TurnServers.udp(server), credentials.issue("ada", Duration.ofMinutes(5)),
          "127.0.0.2")) {
        StunMessage allocated = honest.request(Method.ALLOCATE, new RequestedTransport(17));
        assertThat(allocated.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
      }
    }
  }
}
