package dev.parley.bench;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Paced mode's clock: one timer per event loop that, at every tick, sends each of the loop's peers
 * the signals that have come due. A timer per peer cost the generator a scheduled task, a
 * timer-queue update and often a wake-up for every signal; at 333,000 signals/s that alone kept its
 * core busy, and its lateness showed up as the server's latency. A signal is still stamped with the
 * instant it was due, so the tick's granularity counts against the server, never for it.
 */
final class Pacer implements Runnable {
  /** Fine enough to stay far below the latencies measured, coarse enough to batch. */
  private static final long MIN_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  /** Checking a peer that has nothing due costs a few ns: bound that to a small share of a core. */
  private static final long TICK_NANOS_PER_PEER = 50;

  private final List<PeerConnection> peers;
  private final long stopNanos;
  private ScheduledFuture<?> ticks;

  private Pacer(List<PeerConnection> peers, long stopNanos) {
    this.peers = peers;
    this.stopNanos = stopNanos;
  }

  /**
   * Starts every peer's schedule: one signal every {@code intervalNanos} from its own offset on,
   * the offsets spread evenly over one interval so that the total rate is smooth.
   */
  static void start(
      List<PeerConnection> peers, long firstNanos, long intervalNanos, long stopNanos) {
    Map<EventLoop, List<PeerConnection>> byLoop = new LinkedHashMap<>();
    for (int k = 0; k < peers.size(); k++) {
      PeerConnection peer = peers.get(k);
      long offset = (long) ((double) k / peers.size() * intervalNanos);
      peer.pace(firstNanos + offset, intervalNanos, stopNanos);
      byLoop.computeIfAbsent(peer.loop(), loop -> new ArrayList<>()).add(peer);
    }
    byLoop.forEach(
        (loop, own) -> {
          Pacer pacer = new Pacer(own, stopNanos);
          long tick = Math.max(MIN_TICK_NANOS, own.size() * TICK_NANOS_PER_PEER);
          loop.execute(
              () ->
                  pacer.ticks =
                      loop.scheduleAtFixedRate(
                          pacer, firstNanos - System.nanoTime(), tick, TimeUnit.NANOSECONDS));
        });
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    for (PeerConnection peer : peers) {
      peer.sendDue(now);
    }
    if (now >= stopNanos) {
      ticks.cancel(false);
    }
  }
}
