package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ChildServer;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TestConfig;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The move race with a real crash: two nodes as child JVMs sharing a real Redis, Ada on one and Bob
 * on the other exchanging numbered signals, Bob's node killed with SIGKILL half-way, Bob resuming
 * on Ada's node as the SDK would (reconnect, {@code join} with the resume token, ask for what it
 * missed and resend what was not acknowledged: {@link ReliablePeer}). Every number must be
 * delivered exactly once, in order per sender.
 */
@Timeout(180)
class NodeKilledMidCallTest {
  private static final int SIGNALS = 10_000;
  private static final int KILL_AFTER = 3_000;

  /** A node in a JVM of its own, so that it can be killed outright. */
  private static ChildServer startNode(URI redis) throws Exception {
    return ChildServer.start(
        ChildServer.classPath(
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--turn",
            "false",
            "--secret",
            TestConfig.SECRET,
            "--redis",
            redis.toString(),
            "--messages-per-second",
            "1000000",
            "--message-burst",
            "1000000",
            "--resume-buffer-messages",
            "100000"),
        ProcessBuilder.Redirect.DISCARD);
  }

  @Test
  void everySignalArrivesExactlyOnceInOrderWhenANodeIsKilled() throws Exception {
    try (RedisServer redis = RedisServer.start(0)) {
      ChildServer survivor = null;
      ChildServer doomed = null;
      try {
        survivor = startNode(redis.uri());
        doomed = startNode(redis.uri());
        ReliablePeer ada = new ReliablePeer("Ada", "crash", survivor.ws());
        ReliablePeer bob = new ReliablePeer("Bob", "crash", doomed.ws());
        ada.socket().expect("peer-joined");
        ada.talkTo(bob.id());
        bob.talkTo(ada.id());

        CountDownLatch halfway = new CountDownLatch(2);
        AtomicBoolean stop = new AtomicBoolean();
        BooleanSupplier done =
            () ->
                stop.get()
                    || (ada.finished(SIGNALS)
                        && bob.finished(SIGNALS)
                        && ada.allAcknowledged()
                        && bob.allAcknowledged());
        URI fallback = survivor.ws();
        Thread adaRuns =
            new Thread(() -> ada.run(SIGNALS, KILL_AFTER, halfway::countDown, fallback, done));
        Thread bobRuns =
            new Thread(() -> bob.run(SIGNALS, KILL_AFTER, halfway::countDown, fallback, done));
        adaRuns.start();
        bobRuns.start();
        assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
        doomed.kill();
        // Both end once all is delivered and acknowledged; a stuck exchange is tallied after 60 s.
        adaRuns.join(TimeUnit.SECONDS.toMillis(60));
        bobRuns.join(TimeUnit.SECONDS.toMillis(1));
        stop.set(true);
        adaRuns.join();
        bobRuns.join();

        assertThat(bob.resumes()).as("Bob resumed on the survivor").isEqualTo(1);
        assertThat(List.of(tally(ada.delivered), tally(bob.delivered)))
            .as("Bob's signals to Ada, Ada's signals to Bob")
            .containsExactly(EXACTLY_ONCE, EXACTLY_ONCE);
        ada.socket().close();
        bob.socket().close();
      } finally {
        if (doomed != null) {
          doomed.kill();
        }
        if (survivor != null) {
          survivor.kill();
        }
      }
    }
  }

  private static final String EXACTLY_ONCE = "0 lost, 0 duplicated, 0 out of order of " + SIGNALS;

  /** How far what arrived is from 1..SIGNALS, each once and in order. */
  private static String tally(List<Integer> received) {
    boolean[] seen = new boolean[SIGNALS + 1];
    int duplicated = 0;
    int outOfOrder = 0;
    int last = 0;
    for (int n : received) {
      if (seen[n]) {
        duplicated++;
      }
      seen[n] = true;
      if (n < last) {
        outOfOrder++;
      }
      last = n;
    }
    int lost = 0;
    for (int n = 1; n <= SIGNALS; n++) {
      lost += seen[n] ? 0 : 1;
    }
    return lost
        + " lost, "
        + duplicated
        + " duplicated, "
        + outOfOrder
        + " out of order of "
        + SIGNALS;
  }
}
