package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalBatchesTest {

  @Test
  void anySignalTextSurvivesABatch() {
    List<String> signals = List.of("room|a|b|{\"x\":1}", "", "12:34", "line\nbreak|and|pipes", "é✓😀", ":");
    List<String> received = new ArrayList<>();
    SignalBatches batches = new SignalBatches(Runnable::run,
        (node, batch) -> SignalBatches.split(batch, received::add));

    signals.forEach(signal -> batches.add("n1", signal));

    assertThat(received).containsExactlyElementsOf(signals);
  }

  @Test
  void signalsAddedWhileThePublisherIsBusyLeaveTogetherPerNodeAndInOrder() throws Exception {
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    Map<String, List<String>> byNode = new ConcurrentHashMap<>();
    List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    SignalBatches batches = new SignalBatches(publisher, (node, batch) -> {
      List<String> signals = new ArrayList<>();
      SignalBatches.split(batch, signals::add);
      batchSizes.add(signals.size());
      byNode.computeIfAbsent(node, n -> Collections.synchronizedList(new ArrayList<>())).addAll(signals);
    });
    // Hold the publisher so that everything below queues up behind it.
    var gate = new java.util.concurrent.CountDownLatch(1);
    publisher.execute(() -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    for (int i = 0; i < 1000; i++) {
      batches.add(i % 2 == 0 ? "even" : "odd", Integer.toString(i));
    }
    gate.countDown();
    publisher.shutdown();
    assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(byNode.get("even")).containsExactlyElementsOf(numbers(0, 1000, 2));
    assertThat(byNode.get("odd")).containsExactlyElementsOf(numbers(1, 1000, 2));
    assertThat(batchSizes).containsExactly(500, 500);
  }

  @Test
  void aLargeBacklogIsSentInBoundedBatchesWithoutReordering() throws Exception {
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    List<Integer> batchLengths = Collections.synchronizedList(new ArrayList<>());
    SignalBatches batches = new SignalBatches(publisher, (node, batch) -> {
      batchLengths.add(batch.length());
      SignalBatches.split(batch, received::add);
    });
    var gate = new java.util.concurrent.CountDownLatch(1);
    publisher.execute(() -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    String padding = "x".repeat(1000);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sent.add(i + padding);
      batches.add("n", i + padding);
    }
    gate.countDown();
    publisher.shutdown();
    assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(received).containsExactlyElementsOf(sent);
    assertThat(batchLengths).hasSizeGreaterThan(1)
        .allSatisfy(length -> assertThat(length).isLessThan(SignalBatches.MAX_BATCH_CHARS + 1100));
  }

  private static List<String> numbers(int from, int to, int step) {
    List<String> numbers = new ArrayList<>();
    for (int i = from; i < to; i += step) {
      numbers.add(Integer.toString(i));
    }
    return numbers;
  }
}
