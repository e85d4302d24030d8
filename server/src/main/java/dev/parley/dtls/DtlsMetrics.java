package dev.parley.dtls;

import dev.parley.metrics.Metrics;
import io.micrometer.core.instrument.Counter;

/** DTLS's meters. Thread-safe. */
final class DtlsMetrics {
  private final Counter completed;
  private final Counter failed;
  private final Counter garbage;
  private final Counter overflow;

  DtlsMetrics(Metrics metrics) {
    String handshakes = "DTLS-SRTP handshakes with media peers";
    completed = metrics.counter("parley.dtls.handshakes", handshakes, "outcome", "completed");
    failed = metrics.counter("parley.dtls.handshakes", handshakes, "outcome", "failed");
    String dropped = "DTLS datagrams dropped before the handshake read them";
    garbage = metrics.counter("parley.dtls.dropped", dropped, "reason", "malformed");
    overflow = metrics.counter("parley.dtls.dropped", dropped, "reason", "queue-full");
  }

  void completed() {
    completed.increment();
  }

  void failed() {
    failed.increment();
  }

  void garbage() {
    garbage.increment();
  }

  void overflow() {
    overflow.increment();
  }

  long garbageCount() {
    return (long) garbage.count();
  }

  long failedCount() {
    return (long) failed.count();
  }
}
