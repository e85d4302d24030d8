package dev.parley.bench;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of one run, as a sentence-like summary for people and one JSON line for programs.
 * Rates and CPU are over the measured phase; loss and order over the whole run.
 *
 * @param protocol the server's protocol: {@code parley} or {@code peerjs}
 * @param offeredPerSecond the requested rate, {@code null} with {@code --rate max}
 * @param window signals in flight per peer, {@code null} for a fixed rate
 * @param sentPerSecond signals meant to be sent in the measured phase, per second
 * @param deliveredPerSecond signals that arrived in the measured phase, per second
 * @param steady whether arrivals and sends in the measured phase are within 2% of each other; when
 *     they are not, the server fell behind (or caught up a backlog) and the latencies describe a
 *     queue, not the rate
 * @param lost signals sent in the run and not received by the end of the drain
 * @param notSent signals due but never sent because the load generator fell behind
 * @param serverErrors {@code error} messages received, all codes
 * @param disconnects connections closed, and partners gone, while the run needed them
 * @param cpuWallSeconds the time over which CPU was measured: the measured phase, give or take how
 *     late a busy machine let the load generator read the counters
 * @param clientCpuSeconds CPU time of the load generator's process during the measured phase
 * @param clientGcMillis time the load generator spent collecting garbage then; its pauses are
 *     latency the server did not cause
 * @param serverCpuSeconds the same for the server, {@code null} without {@code --server-pid}
 * @param clientCpuMicrosPerSignal the load generator's CPU per signal delivered: the cost of one
 *     send and one receive, a figure that holds even when other processes compete for the cores
 * @param serverCpuMicrosPerSignal the server's CPU per signal relayed, likewise
 * @param machineCpuSeconds the same for the whole machine (all processes, kernel included), so that
 *     time taken by other processes shows; {@code null} where /proc/stat cannot be read
 */
record Results(
    String scenario,
    String protocol,
    String label,
    int peers,
    int rooms,
    String transport,
    int threads,
    Double offeredPerSecond,
    Integer window,
    double connectSeconds,
    double warmupSeconds,
    double measuredSeconds,
    double sentPerSecond,
    double deliveredPerSecond,
    boolean steady,
    long latencySamples,
    double latencyP50Micros,
    double latencyP99Micros,
    double latencyP999Micros,
    double latencyMaxMicros,
    long sentTotal,
    long receivedTotal,
    long lost,
    long outOfOrder,
    long notSent,
    long serverErrors,
    Map<String, Long> errorsByCode,
    long disconnects,
    double cpuWallSeconds,
    double clientCpuSeconds,
    long clientGcMillis,
    Double serverCpuSeconds,
    Double clientCpuMicrosPerSignal,
    Double serverCpuMicrosPerSignal,
    Double machineCpuSeconds,
    int machineCpus)
    implements Report {

  /** How far arrivals may differ from sends in the measured phase for a run to be steady. */
  private static final double STEADY_TOLERANCE = 0.02;

  static Results of(
      Options options,
      String transport,
      int threads,
      double connectSeconds,
      Stats stats,
      CpuTime cpu) {
    double seconds = options.duration().toNanos() / 1e9;
    Histogram latency = stats.latencies();
    Map<String, Long> errors = stats.errorsByCode();
    long sent = stats.sent();
    long received = stats.received();
    double sentRate = stats.sentMeasured() / seconds;
    double deliveredRate = stats.receivedMeasured() / seconds;
    boolean steady = Math.abs(deliveredRate - sentRate) <= STEADY_TOLERANCE * Math.max(sentRate, 1);
    return new Results(
        "relay",
        options.protocol().name(),
        options.label(),
        options.peers(),
        options.rooms(),
        transport,
        threads,
        options.maxRate() ? null : options.rate(),
        options.maxRate() ? options.window() : null,
        round(connectSeconds, 3),
        options.warmup().toNanos() / 1e9,
        seconds,
        round(sentRate, 1),
        round(deliveredRate, 1),
        steady,
        latency.getTotalCount(),
        micros(latency.getValueAtPercentile(50)),
        micros(latency.getValueAtPercentile(99)),
        micros(latency.getValueAtPercentile(99.9)),
        micros(latency.getMaxValue()),
        sent,
        received,
        Math.max(0, sent - received),
        stats.outOfOrderCount(),
        stats.notSentCount(),
        errors.values().stream().mapToLong(Long::longValue).sum(),
        errors,
        stats.disconnectCount(),
        round(cpu.wall(), 3),
        round(cpu.client(), 2),
        cpu.clientGcMillis(),
        known(cpu.server()),
        perSignal(cpu.client(), stats.receivedMeasured()),
        perSignal(cpu.server(), stats.receivedMeasured()),
        known(cpu.machine()),
        cpu.machineCpus());
  }

  @Override
  public String json() {
    return Report.json(this);
  }

  @Override
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(
        format(
            "%s relay: %,d peers in %,d rooms, %s; %s transport, %d load thread%s%n",
            protocol,
            peers,
            rooms,
            offeredPerSecond == null
                ? "as fast as a window of " + window + " per peer allows"
                : format("offered %,.0f signals/s", offeredPerSecond),
            transport,
            threads,
            threads == 1 ? "" : "s"));
    if (!label.isEmpty()) {
      s.append("  ").append(label).append('\n');
    }
    s.append(
        format(
            "  connected in %.2f s, warm-up %.1f s, measured %.1f s%n",
            connectSeconds, warmupSeconds, measuredSeconds));
    s.append(
        format(
            "  delivered  %,.0f signals/s (sent %,.0f/s)%s%n",
            deliveredPerSecond,
            sentPerSecond,
            steady
                ? ""
                : "; NOT STEADY: the server fell behind, the latencies describe its queue"));
    s.append(
        format(
            "  latency    p50 %,.0f µs, p99 %,.0f µs, p99.9 %,.0f µs, max %,.0f µs (%,d samples)%n",
            latencyP50Micros,
            latencyP99Micros,
            latencyP999Micros,
            latencyMaxMicros,
            latencySamples));
    s.append(
        format(
            "  lost %,d of %,d, out of order %,d, not sent %,d, server errors %,d%s, disconnects %,d%n",
            lost,
            sentTotal,
            outOfOrder,
            notSent,
            serverErrors,
            errorsByCode.isEmpty() ? "" : " " + errorsByCode,
            disconnects));
    s.append(
        format(
            "  CPU        load generator %.2f cores%s (GC %,d ms)",
            clientCpuSeconds / cpuWallSeconds,
            perSignalText(clientCpuMicrosPerSignal),
            clientGcMillis));
    if (serverCpuSeconds != null) {
      s.append(
          format(
              "; server %.2f cores%s",
              serverCpuSeconds / cpuWallSeconds, perSignalText(serverCpuMicrosPerSignal)));
    }
    if (machineCpuSeconds != null) {
      // Process and machine times are counted differently by the kernel: tiny negatives are noise.
      double others =
          Math.max(
              0,
              machineCpuSeconds
                  - clientCpuSeconds
                  - (serverCpuSeconds == null ? 0 : serverCpuSeconds));
      s.append(
          format(
              "%n             %s %.2f cores (machine busy %.2f of %d cores)",
              serverCpuSeconds == null ? "server and other processes" : "other processes",
              others / cpuWallSeconds,
              machineCpuSeconds / cpuWallSeconds,
              machineCpus));
    }
    return s.append('\n').toString();
  }

  private static String perSignalText(Double micros) {
    return micros == null ? "" : format(", %.1f µs per signal", micros);
  }

  private static Double perSignal(double cpuSeconds, long signals) {
    return Double.isNaN(cpuSeconds) || signals == 0 ? null : round(cpuSeconds / signals * 1e6, 2);
  }

  private static Double known(double seconds) {
    return Double.isNaN(seconds) ? null : round(seconds, 2);
  }

  private static double micros(long nanos) {
    return round(nanos / 1e3, 1);
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
