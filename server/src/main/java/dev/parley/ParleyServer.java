package dev.parley;

import dev.parley.auth.TurnCredentials;
import dev.parley.cluster.Directory;
import dev.parley.cluster.RedisDirectory;
import dev.parley.config.ParleyConfig;
import dev.parley.http.HttpServer;
import dev.parley.metrics.Metrics;
import dev.parley.net.Transport;
import dev.parley.signal.Signaling;
import dev.parley.turn.IceServers;
import dev.parley.turn.TurnServer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Parley: the parts wired together, started, and stopped gracefully. */
public final class ParleyServer {
  private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);

  private final ParleyConfig config;
  private final MultiThreadIoEventLoopGroup acceptors;
  private final MultiThreadIoEventLoopGroup workers;
  private final Metrics metrics = new Metrics();
  private final Signaling signaling;
  private final HttpServer http;
  /** Rooms shared with the other nodes through Redis; {@code null} on a single node. */
  private final Directory directory;
  /** {@code null} when the embedded STUN/TURN server is off. */
  private final TurnServer turn;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);

  private ParleyServer(ParleyConfig config) {
    this.config = config;
    // First, so that a Redis that cannot be reached stops the start before any thread exists.
    this.directory = config.cluster().enabled()
        ? RedisDirectory.connect(config.cluster().redis(), config.signal().resumeWindow(), metrics)
        : null;
    Transport transport = Transport.best();
    this.acceptors = transport.newGroup(1, "parley-accept");
    this.workers = transport.newGroup(0, "parley-io");
    byte[] secret = secret(config);
    Clock clock = Clock.systemUTC();
    // The same secret bytes sign TURN credentials, so an external coturn configured with it agrees.
    TurnCredentials credentials = new TurnCredentials(secret, clock);
    this.turn = config.turn().enabled()
        ? new TurnServer(config.turn(), config.http().bind(), credentials, secret, transport, acceptors, workers,
            metrics, clock)
        : null;
    this.signaling = new Signaling(config.signal(), config.legacy(), secret, workers, metrics, clock,
        new IceServers(config.turn(), credentials, turn), directory);
    this.http = new HttpServer(config.http(), signaling, metrics, transport, acceptors, workers);
    log.debug("using the {} transport", transport.name());
  }

  /** Starts a server and returns once it listens; throws if it cannot. */
  public static ParleyServer start(ParleyConfig config) throws InterruptedException {
    ParleyServer server = new ParleyServer(config);
    try {
      if (server.turn != null) {
        server.turn.bind();
      }
      List<InetSocketAddress> bound = server.http.bind();
      log.info("listening on {}", bound.stream().map(ParleyServer::hostPort).toList());
      return server;
    } catch (RuntimeException e) {
      server.stopNow();
      throw e;
    }
  }

  private static byte[] secret(ParleyConfig config) {
    if (config.secret() != null) {
      return config.secret().getBytes(StandardCharsets.UTF_8);
    }
    log.info("no secret configured: using a random one, so resume tokens and TURN credentials will not survive a restart");
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
  }

  /** The URLs to open, one per bound address. */
  public List<String> urls() {
    return http.boundAddresses().stream().map(ParleyServer::url).toList();
  }

  /** A browser on this machine reaches loopback and wildcard listeners as localhost. */
  private static String url(InetSocketAddress address) {
    boolean local = address.getAddress().isLoopbackAddress() || address.getAddress().isAnyLocalAddress();
    return "http://" + (local ? "localhost:" + address.getPort() : hostPort(address)) + "/";
  }

  private static String hostPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress().replaceFirst("%.*", "");
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** The port the server listens on (useful when configured with port 0). */
  public int port() {
    return http.boundAddresses().getFirst().getPort();
  }

  /** Open WebSocket connections. */
  public int openConnections() {
    return signaling.openSessions();
  }

  /** The embedded STUN/TURN server, or {@code null} when it is off. */
  public TurnServer turn() {
    return turn;
  }

  public Metrics metrics() {
    return metrics;
  }

  /**
   * Graceful stop, bounded by the drain timeout: stop accepting, tell every client to go away
   * (they reconnect elsewhere or after the restart, and resume), wait for them to leave, then
   * close whatever is left. Idempotent; returns when stopped.
   */
  public void shutdown() {
    if (!stopping.compareAndSet(false, true)) {
      awaitTermination();
      return;
    }
    log.info("shutting down: sending goaway to {} connections", signaling.openSessions());
    http.drain();
    http.stopListening();
    signaling.goAway(0);
    long deadline = System.nanoTime() + config.http().drainTimeout().toNanos();
    // In a cluster, also until this node's peers have resumed elsewhere, so that signals kept
    // here for them follow them to their new node.
    while ((signaling.openSessions() > 0 || directory != null && signaling.peersHeld() > 0)
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (signaling.openSessions() > 0) {
      log.info("drain timeout: closing {} remaining connections", signaling.openSessions());
    }
    stopNow();
    log.info("stopped");
  }

  /**
   * Stops at once: no goaway, connections dropped, and in a cluster not a word to Redis, so the
   * other nodes learn of it only as its entries expire. What a crash looks like from outside;
   * for tests of node failure.
   */
  public void kill() {
    if (stopping.compareAndSet(false, true)) {
      stopNow();
    }
  }

  private void stopNow() {
    http.stopListening();
    if (turn != null) {
      turn.stop();
    }
    http.closeConnections();
    acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    if (directory != null) {
      // Its peers stay in Redis: they resume on other nodes, or time out when no one refreshes them.
      directory.close();
    }
    terminated.countDown();
  }

  public void awaitTermination() {
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
