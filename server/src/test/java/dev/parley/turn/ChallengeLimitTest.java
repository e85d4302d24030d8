package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.stun.IntegrityKeys;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunMessage;
import dev.parley.stun.TransactionId;
import dev.parley.stun.Username;
import dev.parley.testing.TestServer;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 401s over UDP are answers to packets whose source may be forged, and failed authentications are
 * guesses at passwords: one source gets a bounded number of each, while other sources carry on.
 */
@Timeout(30)
final class ChallengeLimitTest {
  @Test
  void aFloodOfUnauthenticatedAllocatesGetsABoundedNumberOf401s() throws Exception {
    try (TestServer server = TurnServers.start();
        TurnClient client = new TurnClient(TurnServers.udp(server), null)) {
      byte[] request =
          new StunMessage(
                  new MessageType(Method.ALLOCATE, MessageClass.REQUEST),
                  TransactionId.random(),
                  List.of(new RequestedTransport(17)))
              .encode();
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
        assertThat(
                TurnClient.errorCode(
                    other.requestUnsigned(Method.ALLOCATE, new RequestedTransport(17))))
            .isEqualTo(401);
      }
    }
  }

  @Test
  void overTcpEveryUnauthenticatedRequestIsChallengedForTheSourceCannotBeForged() throws Exception {
    try (TestServer server = TurnServers.start()) {
      InetSocketAddress address = server.server().turn().tcpAddresses().getFirst();
      // Twice the UDP burst, from one address, over several connections as a TURN client
      // with many allocations makes them.
      int challenged = 0;
      for (int connection = 0; connection < 4; connection++) {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
          socket.setSoTimeout(5000);
          TcpStream stream = new TcpStream(socket);
          for (int i = 0; i < 50; i++) {
            assertThat(
                    TurnClient.errorCode(
                        stream.request(Method.ALLOCATE, null, new RequestedTransport(17))))
                .isEqualTo(401);
            challenged++;
          }
        }
      }
      assertThat(challenged).isEqualTo(200);
    }
  }

  @Test
  void pastItsAuthenticationFailuresATcpClientIsDisconnected() throws Exception {
    try (TestServer server = TurnServers.start("turn-auth-failures-per-minute=2")) {
      InetSocketAddress address = server.server().turn().tcpAddresses().getFirst();
      try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
        socket.setSoTimeout(5000);
        TcpStream stream = new TcpStream(socket);
        StunMessage challenge = stream.request(Method.ALLOCATE, null, new RequestedTransport(17));
        List<StunAttribute> guess =
            List.of(
                new Username("4102444800:mallory"),
                challenge.attribute(Realm.class).orElseThrow(),
                challenge.attribute(Nonce.class).orElseThrow());
        byte[] wrongKey =
            IntegrityKeys.longTerm(
                "4102444800:mallory",
                challenge.attribute(Realm.class).orElseThrow().value(),
                "guess");
        for (int i = 0; i < 2; i++) {
          assertThat(
                  TurnClient.errorCode(
                      stream.request(Method.ALLOCATE, wrongKey, guess, new RequestedTransport(17))))
              .isEqualTo(401);
        }
        // No answer will come any more: the server says so by closing, not by silence.
        assertThatThrownBy(
                () -> stream.request(Method.ALLOCATE, wrongKey, guess, new RequestedTransport(17)))
            .isInstanceOf(EOFException.class);
      }
    }
  }

  @Test
  void pastItsAuthenticationFailuresASourceIsNoLongerAnsweredWhileOthersAllocate()
      throws Exception {
    try (TestServer server = TurnServers.start("turn-auth-failures-per-minute=3")) {
      TurnCredentials credentials =
          new TurnCredentials(
              TurnServers.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
      Credential good = credentials.issue("mallory", Duration.ofMinutes(5));
      try (TurnClient guesser =
          new TurnClient(TurnServers.udp(server), new Credential(good.username(), "guess"))) {
        for (int i = 0; i < 3; i++) {
          assertThat(
                  TurnClient.errorCode(
                      guesser.requestOnce(Method.ALLOCATE, new RequestedTransport(17))))
              .isEqualTo(401);
        }
        // The fourth guess, and even the right password, now go unanswered for this source.
        assertThatThrownBy(() -> guesser.requestOnce(Method.ALLOCATE, new RequestedTransport(17)))
            .isInstanceOf(SocketTimeoutException.class);
        guesser.credential(good);
        assertThatThrownBy(() -> guesser.requestOnce(Method.ALLOCATE, new RequestedTransport(17)))
            .isInstanceOf(SocketTimeoutException.class);
      }
      try (TurnClient honest =
          new TurnClient(
              TurnServers.udp(server),
              credentials.issue("ada", Duration.ofMinutes(5)),
              "127.0.0.2")) {
        StunMessage allocated = honest.request(Method.ALLOCATE, new RequestedTransport(17));
        assertThat(allocated.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
      }
    }
  }
}
