package dev.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The fan-out scenario: rooms of {@code --room-size} peers, every peer connected first, then all of
 * them sending {@code join} at the same instant (a join storm). Measures how long each join takes
 * to be welcomed and how long each {@code peer-joined} takes to reach the others in the room, and
 * counts the presence a peer never learned (each must end up knowing all the others). Presence
 * delivery is a property of rooms, which the PeerJS server does not have: this scenario runs
 * against Parley only.
 */
final class FanoutScenario implements FanoutPeer.Listener {
  private static final long CLOSE_TIMEOUT_SECONDS = 5;
  private static final long SETUP_SLACK_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** One peer-joined as received: who learned of whom, and when. */
  private record Announcement(String joinerId, long arrivedNanos) {}

  private final Options options;
  private final PrintStream progress;
  private final Histogram joinLatency = new Histogram(MAX_NANOS, 3);
  private final Map<String, Long> joinSentById = new ConcurrentHashMap<>();
  private final Queue<Announcement> announcements = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> errors = new ConcurrentHashMap<>();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final CountDownLatch connected;
  private final CountDownLatch known;

  FanoutScenario(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
    this.connected = new CountDownLatch(options.peers());
    // Every peer must come to know every other peer of its room.
    this.known = new CountDownLatch(options.peers() * (options.roomSize() - 1));
  }

  FanoutResults run() throws InterruptedException {
    ClientTransport transport = ClientTransport.best();
    int threads =
        options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    MultiThreadIoEventLoopGroup group = transport.newGroup(threads);
    List<FanoutPeer> peers = new ArrayList<>(options.peers());
    try {
      long setupStart = System.nanoTime();
      connect(group, transport, peers);
      double connectSeconds = (System.nanoTime() - setupStart) / 1e9;
      progress.printf(
          Locale.ROOT,
          "%d peers connected after %.2f s; all join %d rooms at once%n",
          peers.size(),
          connectSeconds,
          options.rooms());
      System.gc();
      long storm = System.nanoTime() + START_DELAY_NANOS;
      CpuTime before = CpuTime.now(options.serverPid());
      for (FanoutPeer peer : peers) {
        peer.joinAt(storm);
      }
      long deadline = storm + options.duration().toNanos();
      while (!known.await(10, TimeUnit.MILLISECONDS)
          && System.nanoTime() < deadline
          && failure.get() == null) {
        // waiting for the storm to settle
      }
      long settled = System.nanoTime();
      CpuTime cpu = CpuTime.now(options.serverPid()).since(before);
      Histogram presence = new Histogram(MAX_NANOS, 3);
      for (Announcement a : announcements) {
        Long sent = joinSentById.get(a.joinerId());
        if (sent != null) {
          presence.recordValue(Math.min(Math.max(a.arrivedNanos() - sent, 0), MAX_NANOS));
        }
      }
      synchronized (joinLatency) {
        return FanoutResults.of(
            options,
            connectSeconds,
            (settled - storm) / 1e9,
            joinLatency.copy(),
            presence,
            known.getCount(),
            errors,
            failure.get(),
            cpu);
      }
    } finally {
      for (FanoutPeer peer : peers) {
        peer.close();
      }
      group
          .shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .awaitUninterruptibly(2 * CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private void connect(
      MultiThreadIoEventLoopGroup group, ClientTransport transport, List<FanoutPeer> peers)
      throws InterruptedException {
    String run = PeerPairs.runName();
    Bootstrap bootstrap = PeerPairs.bootstrap(transport);
    long begin = System.nanoTime();
    long gapNanos = 1_000_000_000L / options.connectRate();
    for (int room = 0; room < options.rooms() && failure.get() == null; room++) {
      EventLoop loop = group.next();
      for (int i = 0; i < options.roomSize(); i++) {
        PeerPairs.sleepUntil(begin + peers.size() * gapNanos);
        FanoutPeer peer = new FanoutPeer(loop, "fanout-" + run + "-" + room, this);
        InetSocketAddress source = PeerPairs.source(options, peers.size());
        peers.add(peer);
        peer.connect(bootstrap, options.url(), source);
      }
    }
    long deadline = begin + options.peers() * gapNanos + SETUP_SLACK_NANOS;
    while (!connected.await(100, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            String.format(
                "only %d of %d peers connected; %s",
                options.peers() - connected.getCount(),
                options.peers(),
                failure.get() == null ? "timed out" : "first failure: " + failure.get()));
      }
    }
  }

  @Override
  public void connected(FanoutPeer peer) {
    connected.countDown();
  }

  @Override
  public void failed(FanoutPeer peer, String reason) {
    failure.compareAndSet(null, reason);
  }

  @Override
  public void joined(FanoutPeer peer, String id, long joinSentNanos, long nanos) {
    joinSentById.put(id, joinSentNanos);
    synchronized (joinLatency) {
      joinLatency.recordValue(Math.min(Math.max(nanos, 0), MAX_NANOS));
    }
  }

  @Override
  public void learned(FanoutPeer peer, String otherId, boolean announced, long arrivedNanos) {
    if (announced) {
      announcements.add(new Announcement(otherId, arrivedNanos));
    }
    known.countDown();
  }

  @Override
  public void error(String code) {
    errors.merge(code, 1L, Long::sum);
  }
}
