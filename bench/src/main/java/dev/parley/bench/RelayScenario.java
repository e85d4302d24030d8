package dev.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.Future;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The relay scenario: open the peers' connections at a bounded rate, two peers per room, let
 * each signal its partner through the server for a warm-up and then a measured phase, wait for
 * the last signals, and report. The caller's thread directs the phases; the peers run on the
 * event loops.
 */
final class RelayScenario {
  /** Time for every loop to receive its start task before the first signal is due. */
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** Allowed beyond the ramp itself for the last handshakes and joins. */
  private static final long SETUP_SLACK_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long CLOSE_TIMEOUT_SECONDS = 5;

  private final Options options;
  private final PrintStream progress;

  /** @param progress where to say what is happening (stderr, so stdout keeps only results) */
  RelayScenario(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  /** @throws IllegalStateException if the peers could not all connect and pair up */
  Results run() throws InterruptedException {
    ClientTransport transport = ClientTransport.best();
    int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    MultiThreadIoEventLoopGroup group = transport.newGroup(threads);
    Stats stats = new Stats();
    List<PeerConnection> peers = new ArrayList<>(options.peers());
    try {
      long setupStart = System.nanoTime();
      connect(group, transport, stats, peers);
      double connectSeconds = (System.nanoTime() - setupStart) / 1e9;
      progress.printf(Locale.ROOT, "%d peers in %d rooms ready after %.2f s; warm-up %.1f s, measuring %.1f s%n",
          peers.size(), options.rooms(), connectSeconds, options.warmup().toNanos() / 1e9,
          options.duration().toNanos() / 1e9);

      // Collect the set-up's garbage (handshakes, pipelines) now rather than in a pause, stopping
      // every peer, during the measured phase.
      System.gc();
      long start = System.nanoTime() + START_DELAY_NANOS;
      long measureFrom = start + options.warmup().toNanos();
      long stop = measureFrom + options.duration().toNanos();
      stats.measure(measureFrom, stop);
      startSending(peers, start, stop);

      sleepUntil(measureFrom);
      CpuTime before = CpuTime.now(options.serverPid());
      sleepUntil(stop);
      CpuTime cpu = CpuTime.now(options.serverPid()).since(before);

      // Whatever has not arrived by the end of the drain counts as lost.
      long drainUntil = stop + options.drain().toNanos();
      while (stats.received() < stats.sent() && System.nanoTime() < drainUntil) {
        Thread.sleep(10);
      }
      return Results.of(options, transport.name(), threads, connectSeconds, stats, cpu);
    } finally {
      close(peers);
      group.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .awaitUninterruptibly(2 * CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Opens every connection, paced at the connect rate, and waits until all peers are paired. */
  private void connect(EventLoopGroup group, ClientTransport transport, Stats stats, List<PeerConnection> peers)
      throws InterruptedException {
    // Room names unique to this run, so that runs sharing a server never meet.
    String run = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    Bootstrap bootstrap = new Bootstrap()
        .channel(transport.channel())
        // Ramps of thousands of connections reuse local ports a previous run left in TIME_WAIT.
        .option(ChannelOption.SO_REUSEADDR, true)
        // Signals are small and their latency is what is measured.
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    Setup setup = new Setup(options.peers());
    long begin = System.nanoTime();
    long gapNanos = 1_000_000_000L / options.connectRate();
    for (int room = 0; room < options.rooms() && setup.failure.get() == null; room++) {
      // Both peers of a room on one loop: their bookkeeping then needs no synchronization.
      EventLoop loop = group.next();
      String name = "bench-" + run + "-" + room;
      PeerConnection a = new PeerConnection(loop, name, stats, setup);
      PeerConnection b = new PeerConnection(loop, name, stats, setup);
      PeerConnection.pair(a, b);
      for (PeerConnection peer : List.of(a, b)) {
        sleepUntil(begin + peers.size() * gapNanos);
        peers.add(peer);
        peer.connect(bootstrap, peer == a ? options.url() : options.partnerUrl());
      }
    }
    long deadline = begin + options.peers() * gapNanos + SETUP_SLACK_NANOS;
    while (!setup.ready.await(100, TimeUnit.MILLISECONDS)) {
      if (setup.failure.get() != null || System.nanoTime() > deadline) {
        long ready = options.peers() - setup.ready.getCount();
        throw new IllegalStateException(String.format("only %d of %d peers joined and paired up after %.1f s; %s",
            ready, options.peers(), (System.nanoTime() - begin) / 1e9,
            setup.failure.get() == null ? "timed out" : "first failure: " + setup.failure.get()));
      }
    }
  }

  private void startSending(List<PeerConnection> peers, long start, long stop) {
    if (options.maxRate()) {
      for (PeerConnection peer : peers) {
        peer.startWindowed(options.window(), start, stop);
      }
      return;
    }
    long intervalNanos = Math.round(peers.size() * 1e9 / options.rate());
    for (int k = 0; k < peers.size(); k++) {
      // Staggered, so that the total rate is smooth rather than a burst every interval.
      long offset = (long) ((double) k / peers.size() * intervalNanos);
      peers.get(k).startPaced(start + offset, intervalNanos, stop);
    }
  }

  /** Leaves every room (so the server frees it at once), waiting a bounded time. */
  private static void close(List<PeerConnection> peers) {
    List<Future<?>> closing = new ArrayList<>();
    for (int i = 0; i < peers.size(); i += 2) {
      closing.add(peers.get(i).closeRoom());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
    for (Future<?> future : closing) {
      future.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  private static void sleepUntil(long nanos) {
    for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** Counts peers as they become ready and keeps the first failure. Thread-safe. */
  private static final class Setup implements PeerConnection.Listener {
    final CountDownLatch ready;
    final AtomicReference<String> failure = new AtomicReference<>();

    Setup(int peers) {
      this.ready = new CountDownLatch(peers);
    }

    @Override
    public void ready(PeerConnection peer) {
      ready.countDown();
    }

    @Override
    public void failed(PeerConnection peer, String reason) {
      failure.compareAndSet(null, reason);
    }
  }
}
