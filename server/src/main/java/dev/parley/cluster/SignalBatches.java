package dev.parley.cluster;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Signals bound for other nodes, gathered while the publisher is busy and sent as one PUBLISH per
 * node. One command per signal is what stalls a loaded node: each is a task for Lettuce's I/O
 * thread and a command for Redis. A batch is a run of entries that keep the order they were added
 * in ({@link ClusterWire#appendSignal}), and batches leave one at a time from one thread, so each
 * sender's signals arrive in order.
 */
final class SignalBatches {
  /** Past this many bytes a batch is sent and the next one started, to keep messages modest. */
  static final int MAX_BATCH_BYTES = 256 * 1024;

  private record Routed(String node, NodeSignal signal) {}

  private final Queue<Routed> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Executor publisher;
  private final BiConsumer<String, byte[]> publish;

  /**
   * @param publish sends one batch to a node; called on {@code publisher} alone
   */
  SignalBatches(Executor publisher, BiConsumer<String, byte[]> publish) {
    this.publisher = publisher;
    this.publish = publish;
  }

  /** Queues a signal for {@code node}, from any thread. */
  void add(String node, NodeSignal signal) {
    queue.add(new Routed(node, signal));
    if (scheduled.compareAndSet(false, true)) {
      publisher.execute(this::drain);
    }
  }

  private void drain() {
    // Cleared first: a signal added from here on schedules another pass, which may find it gone.
    scheduled.set(false);
    Map<String, ByteArrayOutputStream> batches = new LinkedHashMap<>();
    for (Routed routed; (routed = queue.poll()) != null; ) {
      ByteArrayOutputStream batch =
          batches.computeIfAbsent(routed.node(), node -> new ByteArrayOutputStream());
      ClusterWire.appendSignal(batch, routed.signal());
      if (batch.size() >= MAX_BATCH_BYTES) {
        publish.accept(routed.node(), batch.toByteArray());
        batch.reset();
      }
    }
    batches.forEach(
        (node, batch) -> {
          if (batch.size() > 0) {
            publish.accept(node, batch.toByteArray());
          }
        });
  }
}
