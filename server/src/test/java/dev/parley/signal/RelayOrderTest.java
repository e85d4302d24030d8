package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two peers exchanging signals both ways at once: complete, and each direction in order. */
@Timeout(120)
class RelayOrderTest {
  static final int SIGNALS = 10_000;

  @Test
  void tenThousandSignalsEachWayArriveCompleteAndInOrder() throws Exception {
    // Both clients flood at once; a generous outbound buffer keeps the slow-client rule out of it.
    try (TestServer server =
            TestServer.start(
                "messages-per-second=1000000",
                "message-burst=1000000",
                "outbound-buffer-bytes=32MiB");
        WsClient ada = server.connect();
        WsClient bob = server.connect();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      String adaId = ada.join("order", "Ada").get("peerId").asText();
      String bobId = bob.join("order", "Bob").get("peerId").asText();
      ada.expect("peer-joined");

      long start = System.nanoTime();
      Future<?> adaSends = threads.submit(sender(ada, bobId));
      Future<?> bobSends = threads.submit(sender(bob, adaId));
      Future<Integer> bobReceives = threads.submit(receiver(bob, adaId));
      Future<Integer> adaReceives = threads.submit(receiver(ada, bobId));
      adaSends.get();
      bobSends.get();
      assertThat(bobReceives.get()).isEqualTo(SIGNALS);
      assertThat(adaReceives.get()).isEqualTo(SIGNALS);
      double seconds = (System.nanoTime() - start) / 1e9;
      // A figure for the record, not an assertion: this test runs on shared CI machines.
      System.out.printf(
          "relayed %d signals in %.2f s (%.0f/s), client and server on one machine%n",
          2 * SIGNALS, seconds, 2 * SIGNALS / seconds);
      ada.expectNothing();
      bob.expectNothing();
    }
  }

  private static Callable<Void> sender(WsClient from, String to) {
    return () -> {
      for (int i = 0; i < SIGNALS; i++) {
        from.sendRaw(
            "{\"type\":\"signal\",\"to\":\""
                + to
                + "\",\"data\":{\"seq\":"
                + i
                + ",\"candidate\":"
                + "\"candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\"}}");
      }
      return null;
    };
  }

  private static Callable<Integer> receiver(WsClient at, String from) {
    return () -> {
      for (int i = 0; i < SIGNALS; i++) {
        var message = at.expect("signal");
        assertThat(message.get("from").asText()).isEqualTo(from);
        assertThat(message.get("data").get("seq").asInt()).isEqualTo(i);
      }
      return SIGNALS;
    };
  }
}
