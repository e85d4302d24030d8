package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalBatchesTest {

  @Test
  void signalsAddedWhileThePublisherIsBusyLeaveTogetherPerNodeAndInOrder() throws Exception {
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    Map<String, List<NodeSignal>> byNode = new ConcurrentHashMap<>();
    List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    SignalBatches batches =
        new SignalBatches(
            publisher,
            (node, batch) -> {
              List<NodeSignal> signals = new ArrayList<>();
              ClusterWire.signals(batch, signals::add);
              batchSizes.add(signals.size());
              byNode
                  .computeIfAbsent(node, n -> Collections.synchronizedList(new ArrayList<>()))
                  .addAll(signals);
            });
    CountDownLatch gate = hold(publisher);

    List<NodeSignal> even = new ArrayList<>();
    List<NodeSignal> odd = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      NodeSignal signal = signal(i, "");
      (i % 2 == 0 ? even : odd).add(signal);
      batches.add(i % 2 == 0 ? "even" : "odd", signal);
    }
    gate.countDown();
    publisher.shutdown();
    assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(byNode.get("even")).containsExactlyElementsOf(even);
    assertThat(byNode.get("odd")).containsExactlyElementsOf(odd);
    assertThat(batchSizes).containsExactly(500, 500);
  }

  @Test
  void aLargeBacklogIsSentInBoundedBatchesWithoutReordering() throws Exception {
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    List<NodeSignal> received = Collections.synchronizedList(new ArrayList<>());
    List<Integer> batchLengths = Collections.synchronizedList(new ArrayList<>());
    SignalBatches batches =
        new SignalBatches(
            publisher,
            (node, batch) -> {
              batchLengths.add(batch.length);
              ClusterWire.signals(batch, received::add);
            });
    CountDownLatch gate = hold(publisher);
    String padding = "x".repeat(1000);
    List<NodeSignal> sent = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sent.add(signal(i, padding));
      batches.add("n", sent.getLast());
    }
    gate.countDown();
    publisher.shutdown();
    assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(received).containsExactlyElementsOf(sent);
    assertThat(batchLengths)
        .hasSizeGreaterThan(1)
        .allSatisfy(length -> assertThat(length).isLessThan(SignalBatches.MAX_BATCH_BYTES + 1100));
  }

  private static NodeSignal signal(int seq, String padding) {
    return new NodeSignal(
        "room",
        "from",
        "to",
        RawJson.of("{\"seq\":" + seq + ",\"pad\":\"" + padding + "\"}"),
        Sequence.NONE);
  }

  /** Holds the publisher so that everything added meanwhile queues up behind it. */
  private static CountDownLatch hold(ExecutorService publisher) {
    CountDownLatch gate = new CountDownLatch(1);
    publisher.execute(
        () -> {
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return gate;
  }
}
