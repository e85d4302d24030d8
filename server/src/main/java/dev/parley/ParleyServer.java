package dev.parley;

import dev.parley.admin.AdminApi;
import dev.parley.auth.AccessTokens;
import dev.parley.auth.Admission;
import dev.parley.auth.TurnCredentials;
import dev.parley.config.AuthConfig;
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
import java.util.Optional;
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
  /** {@code null} when the embedded STUN/TURN server is off. */
  private final TurnServer turn;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);

  private ParleyServer(ParleyConfig config) {
    this.config = config;
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
    Admission admission = new Admission(config.auth(), new AccessTokens(secret, clock));
    this.signaling = new Signaling(config.signal(), config.legacy(), secret, workers, metrics, clock, admission,
        new IceServers(config.turn(), credentials, turn));
    this.http = new HttpServer(config.http(), signaling, new AdminApi(signaling, config.auth().adminKey()), metrics,
        transport, acceptors, workers);
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
      server.warnIfOpenToTheNetwork(bound);
      return server;
    } catch (RuntimeException e) {
      server.stopNow();
      throw e;
    }
  }

  /** Open rooms are for a laptop: on a network, anyone who can reach the port can join any room. */
  private void warnIfOpenToTheNetwork(List<InetSocketAddress> bound) {
    openToTheNetworkWarning(config.auth().mode(), bound).ifPresent(log::warn);
  }

  /** The warning to log for these listening addresses, if any is reachable beyond this machine in open mode. */
  static Optional<String> openToTheNetworkWarning(AuthConfig.Mode mode, List<InetSocketAddress> bound) {
    List<String> exposed = bound.stream()
        .filter(address -> !address.getAddress().isLoopbackAddress())
        .map(ParleyServer::hostPort)
        .toList();
    if (mode != AuthConfig.Mode.OPEN || exposed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("*** WARNING: auth is open and Parley listens beyond this machine (" + String.join(", ", exposed)
        + "): anyone who can reach it can join any room and get TURN credentials. For a public deployment set"
        + " auth: token and a secret; see docs/security.md ***");
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
    while (signaling.openSessions() > 0 && System.nanoTime() < deadline) {
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

  private void stopNow() {
    http.stopListening();
    if (turn != null) {
      turn.stop();
    }
    http.closeConnections();
    acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
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
