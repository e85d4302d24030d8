package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestServer;
import dev.parley.turn.stun.MessageClass;
import dev.parley.turn.stun.MessageType;
import dev.parley.turn.stun.Method;
import dev.parley.turn.stun.RequestedTransport;
import dev.parley.turn.stun.StunMessage;
import dev.parley.turn.stun.TransactionId;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 401s are answers to packets whose source may be forged: one source gets a bounded number. */
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
    }
  }
}
