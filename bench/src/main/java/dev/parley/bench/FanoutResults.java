package dev.parley.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The figures of one join storm. Latencies in microseconds.
 *
 * @param settleSeconds from the storm until every peer knew all others of its room (or the time
 *     limit, {@code --duration})
 * @param joins welcomes received, of {@code peers}
 * @param presenceDeliveries peer-joined messages received (each one timed from its joiner's join)
 * @param presenceMissing other peers some peer never learned of by the end (must be 0)
 * @param failure the first connection failure, {@code null} if none
 * @param serverCpuSeconds the server's CPU time from the storm until it settled
 */
record FanoutResults(
    String scenario,
    String protocol,
    String label,
    int peers,
    int rooms,
    int roomSize,
    double connectSeconds,
    double settleSeconds,
    long joins,
    double joinP50Micros,
    double joinP99Micros,
    double joinP999Micros,
    double joinMaxMicros,
    long presenceDeliveries,
    double presenceP50Micros,
    double presenceP99Micros,
    double presenceP999Micros,
    double presenceMaxMicros,
    long presenceMissing,
    Map<String, Long> errorsByCode,
    String failure,
    Double serverCpuSeconds)
    implements Report {

  static FanoutResults of(
      Options options,
      double connectSeconds,
      double settleSeconds,
      Histogram join,
      Histogram presence,
      long missing,
      Map<String, Long> errors,
      String failure,
      CpuTime cpu) {
    return new FanoutResults(
        "fanout",
        options.protocol().name(),
        options.label(),
        options.peers(),
        options.rooms(),
        options.roomSize(),
        Results.round(connectSeconds, 3),
        Results.round(settleSeconds, 3),
        join.getTotalCount(),
        micros(join, 50),
        micros(join, 99),
        micros(join, 99.9),
        micros(join.getMaxValue()),
        presence.getTotalCount(),
        micros(presence, 50),
        micros(presence, 99),
        micros(presence, 99.9),
        micros(presence.getMaxValue()),
        missing,
        new TreeMap<>(errors),
        failure,
        Double.isNaN(cpu.server()) ? null : Results.round(cpu.server(), 2));
  }

  private static double micros(Histogram h, double percentile) {
    return micros(h.getValueAtPercentile(percentile));
  }

  private static double micros(long nanos) {
    return Results.round(nanos / 1e3, 1);
  }

  @Override
  public String json() {
    return Report.json(this);
  }

  @Override
  public String summary() {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s fan-out: %,d peers in %,d rooms of %d, all joining at once; settled in %.3f s%n",
                protocol,
                peers,
                rooms,
                roomSize,
                settleSeconds));
    if (!label.isEmpty()) {
      s.append("  ").append(label).append('\n');
    }
    s.append(
        String.format(
            Locale.ROOT,
            "  join       %,d welcomed: p50 %,.0f µs, p99 %,.0f µs, p99.9 %,.0f µs, max %,.0f µs%n",
            joins,
            joinP50Micros,
            joinP99Micros,
            joinP999Micros,
            joinMaxMicros));
    s.append(
        String.format(
            Locale.ROOT,
            "  presence   %,d peer-joined: p50 %,.0f µs, p99 %,.0f µs, p99.9 %,.0f µs, max %,.0f µs%n",
            presenceDeliveries,
            presenceP50Micros,
            presenceP99Micros,
            presenceP999Micros,
            presenceMaxMicros));
    s.append(
        String.format(
            Locale.ROOT,
            "  missing presence %,d, errors %s%s; server CPU %s s%n",
            presenceMissing,
            errorsByCode,
            failure == null ? "" : ", failure: " + failure,
            serverCpuSeconds));
    return s.toString();
  }
}
