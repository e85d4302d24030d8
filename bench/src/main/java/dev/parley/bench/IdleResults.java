package dev.parley.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The figures of one idle run. Per-peer figures are the growth from before the peers connected
 * to the end of the hold, divided by the number of peers.
 *
 * @param residentBytesPerPeer growth of the server's resident memory per peer
 * @param heapBytesPerPeer growth of the heap in use after a GC per peer; {@code null} when the
 *     server is not a JVM with /metrics (PeerJS)
 * @param serverCpuSecondsHeld the server's CPU time during the hold: what keep-alives cost
 * @param disconnects connections lost while they should have stayed
 */
record IdleResults(String scenario, String protocol, String label, int peers, double connectSeconds,
    double holdSeconds, long residentBytesBefore, long residentBytesAfter, long residentBytesPerPeer,
    Long heapBytesBefore, Long heapBytesAfter, Long heapBytesPerPeer, Double serverCpuSecondsHeld,
    long disconnects, Map<String, Long> errorsByCode) implements Report {

  static IdleResults of(Options options, double connectSeconds, ServerMemory before, ServerMemory after,
      CpuTime hold, Stats stats) {
    int n = options.peers();
    boolean heap = before.heapBytes() >= 0 && after.heapBytes() >= 0;
    return new IdleResults("idle", options.protocol().name(), options.label(), n, Results.round(connectSeconds, 3),
        options.hold().toNanos() / 1e9, before.residentBytes(), after.residentBytes(),
        (after.residentBytes() - before.residentBytes()) / n,
        heap ? before.heapBytes() : null, heap ? after.heapBytes() : null,
        heap ? (after.heapBytes() - before.heapBytes()) / n : null,
        Double.isNaN(hold.server()) ? null : Results.round(hold.server(), 2),
        stats.disconnectCount(), stats.errorsByCode());
  }

  @Override
  public String json() {
    return Report.json(this);
  }

  @Override
  public String summary() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%s idle: %,d peers in rooms of two, connected in %.2f s, held %.0f s%n", protocol, peers, connectSeconds,
        holdSeconds));
    if (!label.isEmpty()) {
      s.append("  ").append(label).append('\n');
    }
    s.append(String.format(Locale.ROOT, "  resident   %,d KiB -> %,d KiB: %,d bytes per peer%n",
        residentBytesBefore / 1024, residentBytesAfter / 1024, residentBytesPerPeer));
    if (heapBytesPerPeer != null) {
      s.append(String.format(Locale.ROOT, "  heap after GC %,d KiB -> %,d KiB: %,d bytes per peer%n",
          heapBytesBefore / 1024, heapBytesAfter / 1024, heapBytesPerPeer));
    }
    s.append(String.format(Locale.ROOT, "  server CPU while idle %s s; disconnects %,d, errors %s%n",
        serverCpuSecondsHeld, disconnects, errorsByCode));
    return s.toString();
  }
}
