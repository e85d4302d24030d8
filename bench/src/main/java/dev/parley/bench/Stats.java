package dev.parley.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the peers observe, gathered from every event loop. Thread-safe: the counters are adders and
 * the latency recorder is HdrHistogram's wait-free one.
 */
final class Stats {
  /** Latencies beyond this are recorded as this; a relay that slow has failed anyway. */
  private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Recorder latency = new Recorder(MAX_LATENCY_NANOS, 3);
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder sentMeasured = new LongAdder();
  private final LongAdder receivedMeasured = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder notSent = new LongAdder();
  private final LongAdder disconnects = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  /** The measured phase, in nanoTime; empty until {@link #measure} is called. */
  private volatile long measureFrom = Long.MAX_VALUE;

  private volatile long measureUntil = Long.MIN_VALUE;

  /** Sets the measured phase; call before any signal is sent. */
  void measure(long fromNanos, long untilNanos) {
    measureFrom = fromNanos;
    measureUntil = untilNanos;
  }

  private boolean measured(long nanos) {
    return nanos >= measureFrom && nanos < measureUntil;
  }

  void sent(long intendedNanos) {
    sent.increment();
    if (measured(intendedNanos)) {
      sentMeasured.increment();
    }
  }

  /**
   * A signal arrived. Its latency counts if it was meant to be sent in the measured phase, and its
   * arrival counts towards throughput if it arrived in the measured phase.
   */
  void received(long intendedNanos, long arrivedNanos) {
    received.increment();
    if (measured(intendedNanos)) {
      latency.recordValue(Math.min(Math.max(arrivedNanos - intendedNanos, 0), MAX_LATENCY_NANOS));
    }
    if (measured(arrivedNanos)) {
      receivedMeasured.increment();
    }
  }

  void outOfOrder() {
    outOfOrder.increment();
  }

  /** Signals that were due but never sent: the load generator fell behind its schedule. */
  void notSent(long count) {
    notSent.add(count);
  }

  /** A connection closed, or a partner left, while the run still needed it. */
  void disconnect() {
    disconnects.increment();
  }

  void error(String code) {
    errors.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  long sent() {
    return sent.sum();
  }

  long received() {
    return received.sum();
  }

  long sentMeasured() {
    return sentMeasured.sum();
  }

  long receivedMeasured() {
    return receivedMeasured.sum();
  }

  long outOfOrderCount() {
    return outOfOrder.sum();
  }

  long notSentCount() {
    return notSent.sum();
  }

  long disconnectCount() {
    return disconnects.sum();
  }

  Map<String, Long> errorsByCode() {
    Map<String, Long> byCode = new TreeMap<>();
    errors.forEach((code, count) -> byCode.put(code, count.sum()));
    return byCode;
  }

  /** Latencies recorded so far (nanoseconds); call once, when the run is over. */
  Histogram latencies() {
    return latency.getIntervalHistogram();
  }
}
