package dev.parley.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Signals bound for other nodes, gathered while the publisher is busy and sent as one PUBLISH
 * per node. One command per signal is what stalls a loaded node: each is a task for Lettuce's
 * I/O thread and a command for Redis. A batch is a run of {@code <length>:<signal>} entries, so
 * a signal may hold any character; entries keep the order they were added in, and batches leave
 * one at a time from one thread, so each sender's signals arrive in order.
 */
final class SignalBatches {
  /** Past this many characters a batch is sent and the next one started, to keep messages modest. */
  static final int MAX_BATCH_CHARS = 256 * 1024;

  private record Routed(String node, String signal) {}

  private final Queue<Routed> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Executor publisher;
  private final BiConsumer<String, String> publish;

  /** @param publish sends one batch to a node; called on {@code publisher} alone */
  SignalBatches(Executor publisher, BiConsumer<String, String> publish) {
    this.publisher = publisher;
    this.publish = publish;
  }

  /** Queues a signal for {@code node}, from any thread. */
  void add(String node, String signal) {
    queue.add(new Routed(node, signal));
    if (scheduled.compareAndSet(false, true)) {
      publisher.execute(this::drain);
    }
  }

  private void drain() {
    // Cleared first: a signal added from here on schedules another pass, which may find it gone.
    scheduled.set(false);
    Map<String, StringBuilder> batches = new LinkedHashMap<>();
    for (Routed routed; (routed = queue.poll()) != null; ) {
      StringBuilder batch = batches.computeIfAbsent(routed.node(), node -> new StringBuilder());
      batch.append(routed.signal().length()).append(':').append(routed.signal());
      if (batch.length() >= MAX_BATCH_CHARS) {
        publish.accept(routed.node(), batch.toString());
        batch.setLength(0);
      }
    }
    batches.forEach((node, batch) -> {
      if (!batch.isEmpty()) {
        publish.accept(node, batch.toString());
      }
    });
  }

  /** Hands each signal of a batch to {@code signal}, in order. */
  static void split(String batch, Consumer<String> signal) {
    int at = 0;
    while (at < batch.length()) {
      int colon = batch.indexOf(':', at);
      int length = Integer.parseInt(batch, at, colon, 10);
      signal.accept(batch.substring(colon + 1, colon + 1 + length));
      at = colon + 1 + length;
    }
  }
}
