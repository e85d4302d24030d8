package dev.parley.media;

import dev.parley.metrics.Metrics;
import dev.parley.srtp.Rejection;
import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The glue's meters: SRTP refusals each way, packets before keys, rooms and units. Thread-safe. */
final class MediaMetrics {
  private final Map<Rejection, Counter> refusedIn = new EnumMap<>(Rejection.class);
  private final Map<Rejection, Counter> refusedOut = new EnumMap<>(Rejection.class);
  private final Counter beforeKeys;

  MediaMetrics(Metrics metrics, Supplier<Number> rooms, Supplier<Number> ticking) {
    String refused = "SRTP and SRTCP packets refused, by direction and reason";
    for (Rejection rejection : Rejection.values()) {
      String reason = rejection.name().toLowerCase(Locale.ROOT).replace('_', '-');
      refusedIn.put(
          rejection,
          metrics.counter(
              "parley.media.srtp.refused", refused, "direction", "in", "reason", reason));
      refusedOut.put(
          rejection,
          metrics.counter(
              "parley.media.srtp.refused", refused, "direction", "out", "reason", reason));
    }
    beforeKeys =
        metrics.counter(
            "parley.media.rtp.dropped",
            "RTP and RTCP the media sessions dropped",
            "reason",
            "before-keys");
    metrics.gauge("parley.media.rooms", "SFU rooms with media open on this node", rooms);
    metrics.gauge("parley.media.units", "Forwarding units being ticked", ticking);
  }

  void refusedIn(int result) {
    refusedIn.get(Rejection.of(result)).increment();
  }

  void refusedOut(int result) {
    refusedOut.get(Rejection.of(result)).increment();
  }

  long refusedInCount(Rejection rejection) {
    return (long) refusedIn.get(rejection).count();
  }

  void beforeKeys() {
    beforeKeys.increment();
  }
}
