package dev.parley.ice;

import dev.parley.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The media port's meters, created up front so the packet path only increments. Thread-safe. */
final class IceMetrics {
  private final Map<Drop, Counter> dropped = new EnumMap<>(Drop.class);
  private final Map<Integer, Counter> refused = new java.util.HashMap<>();
  private final Counter checks;
  private final Counter consentExpired;
  private final Counter transportsRefused;

  IceMetrics(Metrics metrics, Supplier<Number> transports) {
    for (Drop drop : Drop.values()) {
      dropped.put(
          drop,
          metrics.counter(
              "parley.media.dropped",
              "Datagrams the media port dropped unanswered",
              "reason",
              drop.tag()));
    }
    for (int code : new int[] {400, 401, 487}) {
      refused.put(
          code,
          metrics.counter(
              "parley.ice.checks.refused",
              "ICE connectivity checks answered with an error",
              "code",
              Integer.toString(code)));
    }
    checks = metrics.counter("parley.ice.checks", "ICE connectivity checks answered with success");
    consentExpired =
        metrics.counter(
            "parley.ice.consent.expired",
            "Media transports closed for no valid check within media-consent-timeout");
    transportsRefused =
        metrics.counter(
            "parley.ice.transports.refused",
            "Media transports refused because media-max-transports were open");
    metrics.gauge("parley.ice.transports", "Media transports open", transports);
  }

  void dropped(Drop drop) {
    dropped.get(drop).increment();
  }

  long droppedCount(Drop drop) {
    return (long) dropped.get(drop).count();
  }

  void refused(int code) {
    refused.get(code).increment();
  }

  long refusedCount(int code) {
    return (long) refused.get(code).count();
  }

  void checked() {
    checks.increment();
  }

  void consentExpired() {
    consentExpired.increment();
  }

  void transportRefused() {
    transportsRefused.increment();
  }
}
