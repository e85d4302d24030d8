package dev.parley.bench;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The relay scenario: open the peers' connections at a bounded rate, two peers per room, let each
 * signal its partner through the server for a warm-up and then a measured phase, wait for the last
 * signals, and report. The caller's thread directs the phases; the peers run on the event loops.
 */
final class RelayScenario {
  /** Time for every loop to receive its start task before the first signal is due. */
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final long CLOSE_TIMEOUT_SECONDS = 5;

  private final Options options;
  private final PrintStream progress;

  /**
   * @param progress where to say what is happening (stderr, so stdout keeps only results)
   */
  RelayScenario(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * @throws IllegalStateException if the peers could not all connect and pair up
   */
  Results run() throws InterruptedException {
    ClientTransport transport = ClientTransport.best();
    int threads =
        options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    MultiThreadIoEventLoopGroup group = transport.newGroup(threads);
    Stats stats = new Stats();
    List<PeerConnection> peers = new ArrayList<>(options.peers());
    try {
      long setupStart = System.nanoTime();
      peers.addAll(PeerPairs.open(options, group, transport, stats));
      double connectSeconds = (System.nanoTime() - setupStart) / 1e9;
      progress.printf(
          Locale.ROOT,
          "%d peers in %d rooms ready after %.2f s; warm-up %.1f s, measuring %.1f s%n",
          peers.size(),
          options.rooms(),
          connectSeconds,
          options.warmup().toNanos() / 1e9,
          options.duration().toNanos() / 1e9);

      // Collect the set-up's garbage (handshakes, pipelines) now rather than in a pause, stopping
      // every peer, during the measured phase.
      System.gc();
      long start = System.nanoTime() + START_DELAY_NANOS;
      long measureFrom = start + options.warmup().toNanos();
      long stop = measureFrom + options.duration().toNanos();
      stats.measure(measureFrom, stop);
      startSending(peers, start, stop);

      PeerPairs.sleepUntil(measureFrom);
      CpuTime before = CpuTime.now(options.serverPid());
      PeerPairs.sleepUntil(stop);
      CpuTime cpu = CpuTime.now(options.serverPid()).since(before);

      // Whatever has not arrived by the end of the drain counts as lost.
      long drainUntil = stop + options.drain().toNanos();
      while (stats.received() < stats.sent() && System.nanoTime() < drainUntil) {
        Thread.sleep(10);
      }
      return Results.of(options, transport.name(), threads, connectSeconds, stats, cpu);
    } finally {
      PeerPairs.close(peers);
      group
          .shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .awaitUninterruptibly(2 * CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private void startSending(List<PeerConnection> peers, long start, long stop) {
    if (options.maxRate()) {
      for (PeerConnection peer : peers) {
        peer.startWindowed(options.window(), start, stop);
      }
      return;
    }
    Pacer.start(peers, start, Math.round(peers.size() * 1e9 / options.rate()), stop);
  }
}
