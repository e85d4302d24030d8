package dev.parley.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one idle run. Per-peer figures are the growth from before the peers connected to
 * the end of the last hold, divided by the number of peers.
 *
 * @param residentBytesPerPeer growth of the server's resident memory per peer
 * @param heapBytesPerPeer growth of the heap in use after a GC per peer; {@code null} when the
 *     server is not a JVM with /metrics (PeerJS)
 * @param steps the measurement after each batch of peers (one for a run in one step)
 * @param marginalResidentBytesPerPeer with several steps, the resident growth from the first step's
 *     measurement to the last divided by the peers that connected in between: what each further
 *     peer costs once the first batch has paid what is paid once; {@code null} in one step
 * @param serverCpuSecondsHeld the server's CPU time during the last hold: what keep-alives cost
 * @param disconnects connections lost while they should have stayed
 */
record IdleResults(
    String scenario,
    String protocol,
    String label,
    int peers,
    double connectSeconds,
    double holdSeconds,
    long residentBytesBefore,
    long residentBytesAfter,
    long residentBytesPerPeer,
    Long heapBytesBefore,
    Long heapBytesAfter,
    Long heapBytesPerPeer,
    List<Step> steps,
    Long marginalResidentBytesPerPeer,
    Double serverCpuSecondsHeld,
    long disconnects,
    Map<String, Long> errorsByCode)
    implements Report {

  /**
   * The server's memory with {@code peers} connected.
   *
   * @param heapBytes heap in use after a GC; {@code null} when not measured (before the last step,
   *     or not a JVM)
   */
  record Step(int peers, long residentBytes, Long heapBytes) {
    Step(int peers, ServerMemory memory) {
      this(peers, memory.residentBytes(), memory.heapBytes() >= 0 ? memory.heapBytes() : null);
    }
  }

  static IdleResults of(
      Options options,
      double connectSeconds,
      ServerMemory before,
      List<Step> steps,
      CpuTime hold,
      Stats stats) {
    int n = options.peers();
    Step first = steps.getFirst();
    Step last = steps.getLast();
    boolean heap = before.heapBytes() >= 0 && last.heapBytes() != null;
    boolean curve = steps.size() > 1;
    return new IdleResults(
        "idle",
        options.protocol().name(),
        options.label(),
        n,
        Results.round(connectSeconds, 3),
        options.hold().toNanos() / 1e9,
        before.residentBytes(),
        last.residentBytes(),
        (last.residentBytes() - before.residentBytes()) / n,
        heap ? before.heapBytes() : null,
        heap ? last.heapBytes() : null,
        heap ? (last.heapBytes() - before.heapBytes()) / n : null,
        List.copyOf(steps),
        curve
            ? (last.residentBytes() - first.residentBytes()) / (last.peers() - first.peers())
            : null,
        Double.isNaN(hold.server()) ? null : Results.round(hold.server(), 2),
        stats.disconnectCount(),
        stats.errorsByCode());
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
                "%s idle: %,d peers in rooms of two, connected in %.2f s, held %.0f s%n",
                protocol,
                peers,
                connectSeconds,
                holdSeconds));
    if (!label.isEmpty()) {
      s.append("  ").append(label).append('\n');
    }
    s.append(
        String.format(
            Locale.ROOT,
            "  resident   %,d KiB -> %,d KiB: %,d bytes per peer%n",
            residentBytesBefore / 1024,
            residentBytesAfter / 1024,
            residentBytesPerPeer));
    if (heapBytesPerPeer != null) {
      s.append(
          String.format(
              Locale.ROOT,
              "  heap after GC %,d KiB -> %,d KiB: %,d bytes per peer%n",
              heapBytesBefore / 1024,
              heapBytesAfter / 1024,
              heapBytesPerPeer));
    }
    if (marginalResidentBytesPerPeer != null) {
      for (Step step : steps) {
        s.append(
            String.format(
                Locale.ROOT,
                "  at %,7d peers: resident %,d KiB%s%n",
                step.peers(),
                step.residentBytes() / 1024,
                step.heapBytes() == null
                    ? ""
                    : String.format(
                        Locale.ROOT, ", heap after GC %,d KiB", step.heapBytes() / 1024)));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "  each peer after the first step: resident %,d bytes%n",
              marginalResidentBytesPerPeer));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "  server CPU while idle %s s; disconnects %,d, errors %s%n",
            serverCpuSecondsHeld,
            disconnects,
            errorsByCode));
    return s.toString();
  }
}
