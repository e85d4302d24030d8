package dev.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens the peers of the relay and idle scenarios, two to a room, at a bounded rate, and closes
 * them again. Shared by both scenarios so that the connections they measure are the same.
 */
final class PeerPairs {
  /** Allowed beyond the ramp itself for the last handshakes and joins. */
  private static final long SETUP_SLACK_NANOS = TimeUnit.SECONDS.toNanos(60);

  private static final long CLOSE_TIMEOUT_SECONDS = 5;

  /**
   * Connections per loopback source address. One address to one server port has some 28,000
   * ephemeral ports; the idle scenario's 50,000 peers therefore come from 127.0.0.1 to 127.0.0.5.
   */
  private static final int PEERS_PER_SOURCE = 10_000;

  private PeerPairs() {}

  /**
   * Opens every connection, paced at the connect rate, and waits until all peers are paired.
   *
   * @throws IllegalStateException if some peer failed or the set-up ran out of time
   */
  static List<PeerConnection> open(
      Options options, EventLoopGroup group, ClientTransport transport, Stats stats)
      throws InterruptedException {
    return open(options, 0, group, transport, stats);
  }

  /**
   * The same, for a batch that joins {@code alreadyOpen} connections this generator holds: its
   * source addresses continue where theirs left off.
   */
  static List<PeerConnection> open(
      Options options,
      int alreadyOpen,
      EventLoopGroup group,
      ClientTransport transport,
      Stats stats)
      throws InterruptedException {
    String run = runName();
    Bootstrap bootstrap = bootstrap(transport);
    Setup setup = new Setup(options.peers());
    List<PeerConnection> peers = new ArrayList<>(options.peers());
    long begin = System.nanoTime();
    long gapNanos = 1_000_000_000L / options.connectRate();
    try {
      for (int room = 0; room < options.rooms() && setup.failure.get() == null; room++) {
        // Both peers of a room on one loop: their bookkeeping then needs no synchronization.
        EventLoop loop = group.next();
        String name = "bench-" + run + "-" + room;
        PeerConnection a =
            new PeerConnection(
                loop, options.protocol(), name, name + "-a", name + "-b", stats, setup);
        PeerConnection b =
            new PeerConnection(
                loop, options.protocol(), name, name + "-b", name + "-a", stats, setup);
        PeerConnection.pair(a, b);
        for (PeerConnection peer : List.of(a, b)) {
          sleepUntil(begin + peers.size() * gapNanos);
          InetSocketAddress source = source(options, alreadyOpen + peers.size());
          peers.add(peer);
          peer.connect(bootstrap, peer == a ? options.url() : options.partnerUrl(), source);
        }
      }
      long deadline = begin + options.peers() * gapNanos + SETUP_SLACK_NANOS;
      while (!setup.ready.await(100, TimeUnit.MILLISECONDS)) {
        if (setup.failure.get() != null || System.nanoTime() > deadline) {
          long ready = options.peers() - setup.ready.getCount();
          throw new IllegalStateException(
              String.format(
                  "only %d of %d peers joined and paired up after %.1f s; %s",
                  ready,
                  options.peers(),
                  (System.nanoTime() - begin) / 1e9,
                  setup.failure.get() == null
                      ? "timed out"
                      : "first failure: " + setup.failure.get()));
        }
      }
      return peers;
    } catch (RuntimeException | InterruptedException e) {
      close(peers);
      throw e;
    }
  }

  /** Unique to this run, so that runs sharing a server never meet in a room. */
  static String runName() {
    return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
  }

  static Bootstrap bootstrap(ClientTransport transport) {
    return new Bootstrap()
        .channel(transport.channel())
        // Ramps of thousands of connections reuse local ports a previous run left in TIME_WAIT.
        .option(ChannelOption.SO_REUSEADDR, true)
        // Signals are small and their latency is what is measured.
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
  }

  /** The loopback address the {@code index}th connection comes from; {@code null} off loopback. */
  static InetSocketAddress source(Options options, int index) {
    return options.url().getHost().equals("127.0.0.1")
        ? new InetSocketAddress("127.0.0." + (1 + index / PEERS_PER_SOURCE), 0)
        : null;
  }

  /** Leaves every room (so the server frees it at once), waiting a bounded time. */
  static void close(List<PeerConnection> peers) {
    List<Future<?>> closing = new ArrayList<>();
    for (int i = 0; i + 1 < peers.size(); i += 2) {
      closing.add(peers.get(i).closeRoom());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
    for (Future<?> future : closing) {
      future.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  static void sleepUntil(long nanos) {
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
