package dev.parley.bench;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The idle scenario: what a connected, quiet peer costs the server. Measures the server's memory,
 * opens the peers two to a room, lets them sit for the hold time (exchanging only the keep-alives
 * their server's real clients exchange), and measures again. A first batch of up to 1,000 peers
 * connects and leaves before the first measurement. With several steps the peers connect in equal
 * batches, each held and measured while the earlier ones stay: how the same server's memory grows
 * with its peers, free of the differences between one server and the next.
 */
final class IdleScenario {
  private static final long CLOSE_TIMEOUT_SECONDS = 5;
  private static final int WARMUP_PEERS = 1000;

  private final Options options;
  private final PrintStream progress;

  IdleScenario(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  IdleResults run() throws InterruptedException {
    if (options.serverPid() == 0) {
      throw new IllegalStateException(
          "the idle scenario measures the server's memory: give --server-pid");
    }
    URI metrics =
        options.protocol() instanceof Protocol.Parley
            ? URI.create(
                "http://" + options.url().getHost() + ":" + options.url().getPort() + "/metrics")
            : null;
    ClientTransport transport = ClientTransport.best();
    int threads =
        options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    MultiThreadIoEventLoopGroup group = transport.newGroup(threads);
    Stats stats = new Stats();
    List<PeerConnection> peers = new ArrayList<>(options.peers());
    try {
      // A first batch connects and leaves before the baseline, so that what a server allocates
      // once (compiled code, caches, buffer pools) counts in the baseline and not per peer.
      Options warmup = options.withPeers(Math.min(options.peers(), WARMUP_PEERS));
      PeerPairs.close(PeerPairs.open(warmup, group, transport, new Stats()));
      ServerMemory before = ServerMemory.of(options.serverPid(), metrics);
      List<IdleResults.Step> steps = new ArrayList<>();
      double connectSeconds = 0;
      CpuTime hold = null;
      for (int step = 1; step <= options.steps(); step++) {
        Options batch = options.withPeers(options.peersAfterStep(step) - peers.size());
        long setupStart = System.nanoTime();
        peers.addAll(PeerPairs.open(batch, peers.size(), group, transport, stats));
        connectSeconds += (System.nanoTime() - setupStart) / 1e9;
        progress.printf(
            Locale.ROOT,
            "%d peers connected; holding them for %.0f s%n",
            peers.size(),
            options.hold().toNanos() / 1e9);
        CpuTime holdStart = CpuTime.now(options.serverPid());
        PeerPairs.sleepUntil(System.nanoTime() + options.hold().toNanos());
        hold = CpuTime.now(options.serverPid()).since(holdStart);
        // The heap is measured after a full collection, which the server would not have made on
        // its own: only at the end, so that it does not shape the resident memory of later steps.
        boolean last = step == options.steps();
        steps.add(
            new IdleResults.Step(
                peers.size(), ServerMemory.of(options.serverPid(), last ? metrics : null)));
      }
      return IdleResults.of(options, connectSeconds, before, steps, hold, stats);
    } finally {
      PeerPairs.close(peers);
      group
          .shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .awaitUninterruptibly(2 * CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
