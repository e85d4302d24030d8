package dev.parley;

import dev.parley.admin.AdminApi;
import dev.parley.auth.AccessTokens;
import dev.parley.auth.Admission;
import dev.parley.auth.TurnCredentials;
import dev.parley.cluster.Directory;
import dev.parley.cluster.RedisDirectory;
import dev.parley.config.AuthConfig;
import dev.parley.config.ParleyConfig;
import dev.parley.config.TlsConfig;
import dev.parley.http.HttpServer;
import dev.parley.http.TurnOnWebPort;
import dev.parley.media.MediaPort;
import dev.parley.metrics.Metrics;
import dev.parley.net.Transport;
import dev.parley.signal.Signaling;
import dev.parley.tls.CertificateWatcher;
import dev.parley.tls.ServerCertificate;
import dev.parley.tls.TlsException;
import dev.parley.turn.IceServers;
import dev.parley.turn.TurnServer;
import dev.parley.webhook.Webhooks;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
  private final Webhooks webhooks;
  private final HttpServer http;

  /** Rooms shared with the other nodes through Redis; {@code null} on a single node. */
  private final Directory directory;

  /** {@code null} when the embedded STUN/TURN server is off. */
  private final TurnServer turn;

  /** {@code null} unless media-port is set. */
  private final MediaPort media;

  /** {@code null} without TLS. */
  private final ServerCertificate certificate;

  /** {@code null} unless the web port serves TURN too. */
  private final TurnOnWebPort turnOnWebPort;

  /** {@code null} unless the certificate comes from files. */
  private final CertificateWatcher certificateWatcher;

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);

  private ParleyServer(ParleyConfig config) {
    this.config = config;
    // First: a certificate that cannot be used stops the start before any thread exists.
    this.certificate = certificate(config.tls());
    // Likewise a Redis that cannot be reached stops the start before any thread exists.
    this.directory =
        config.cluster().enabled()
            ? RedisDirectory.connect(
                config.cluster().redis(), config.signal().resumeWindow(), metrics)
            : null;
    Transport transport = Transport.best();
    this.acceptors = transport.newGroup(1, "parley-accept");
    // One event loop per core, not Netty's default of two: nothing here blocks a loop, and a
    // second loop per core only adds thread hand-offs (measured in docs/benchmarks.md).
    this.workers = transport.newGroup(Runtime.getRuntime().availableProcessors(), "parley-io");
    byte[] secret = secret(config);
    Clock clock = Clock.systemUTC();
    // The same secret bytes sign TURN credentials, so an external coturn configured with it agrees.
    TurnCredentials credentials = new TurnCredentials(secret, clock);
    this.turn =
        config.turn().enabled()
            ? new TurnServer(
                config.turn(),
                config.http().bind(),
                credentials,
                secret,
                transport,
                acceptors,
                workers,
                metrics,
                clock)
            : null;
    // Started only when media-port is set: nothing uses it until SFU rooms do.
    this.media =
        config.media().enabled()
            ? new MediaPort(config.media(), transport, workers, metrics, directory != null)
            : null;
    Admission admission = new Admission(config.auth(), new AccessTokens(secret, clock));
    this.webhooks =
        Webhooks.start(
            config.webhook(),
            directory != null ? directory.node() : RedisDirectory.newNodeId(),
            clock,
            metrics);
    this.signaling =
        new Signaling(
            config.signal(),
            config.legacy(),
            secret,
            workers,
            metrics,
            clock,
            admission,
            new IceServers(config.turn(), credentials, turn),
            directory,
            webhooks,
            media != null ? media.rooms() : null);
    if (certificate != null) {
      // An alert on this catches a renewal that stopped working, whatever the reason.
      metrics.gauge(
          "parley.tls.certificate.not.after.seconds",
          "When the TLS certificate served to new connections expires, in Unix seconds",
          () -> certificate.certificate().getNotAfter().toInstant().getEpochSecond());
    }
    this.certificateWatcher =
        certificate != null && certificate.readsFiles()
            ? new CertificateWatcher(certificate)
            : null;
    this.turnOnWebPort =
        turn != null && config.turn().onWebPort()
            ? new TurnOnWebPort(
                turn::addWebPortHandlers, certificate != null && config.turnPortIsWebPort())
            : null;
    this.http =
        new HttpServer(
            config.http(),
            config.tls(),
            certificate,
            signaling,
            new AdminApi(signaling, config.auth().adminKey()),
            metrics,
            transport,
            acceptors,
            workers,
            turnOnWebPort);
    log.debug("using the {} transport", transport.name());
  }

  /** Starts a server and returns once it listens; throws if it cannot. */
  public static ParleyServer start(ParleyConfig config) throws InterruptedException {
    ParleyServer server = new ParleyServer(config);
    try {
      if (server.turn != null) {
        // Where a TURN port is the web port, the web listener serves it (turn-on-web-port).
        server.turn.bind(!config.turnPortIsWebPort());
        if (server.certificate != null && !config.turnTlsPortIsWebPort()) {
          server.turn.bindTls(server.certificate, config.tls().turnPort());
        }
      }
      if (server.media != null) {
        server.media.bind(config.http().bind());
        if (server.turn != null) {
          // A browser that reaches this node only through TURN gets its SFU media that way.
          server.turn.alwaysRelayTo(server.media.ice().boundAddresses());
        }
      }
      List<InetSocketAddress> bound = server.http.bind();
      log.info("listening on {}", bound.stream().map(ParleyServer::hostPort).toList());
      if (server.turnOnWebPort != null) {
        server.turn.servedOnWebPort(bound, server.certificate, server.turnOnWebPort.beforeTls());
      }
      server.warnIfOpenToTheNetwork(bound);
      return server;
    } catch (RuntimeException e) {
      server.stopNow();
      throw e;
    }
  }

  /**
   * @throws TlsException when the configured files cannot be used
   */
  private static ServerCertificate certificate(TlsConfig tls) {
    if (tls.selfSigned()) {
      return ServerCertificate.selfSigned();
    }
    return tls.certFile() != null
        ? ServerCertificate.fromFiles(tls.certFile(), tls.keyFile())
        : null;
  }

  /** Open rooms are for a laptop: on a network, anyone who can reach the port can join any room. */
  private void warnIfOpenToTheNetwork(List<InetSocketAddress> bound) {
    openToTheNetworkWarning(config.auth().mode(), bound).ifPresent(log::warn);
  }

  /**
   * The warning to log for these listening addresses, if any is reachable beyond this machine in
   * open mode.
   */
  static Optional<String> openToTheNetworkWarning(
      AuthConfig.Mode mode, List<InetSocketAddress> bound) {
    List<String> exposed =
        bound.stream()
            .filter(address -> !address.getAddress().isLoopbackAddress())
            .map(ParleyServer::hostPort)
            .toList();
    if (mode != AuthConfig.Mode.OPEN || exposed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "*** WARNING: auth is open and Parley listens beyond this machine ("
            + String.join(", ", exposed)
            + "): anyone who can reach it can join any room and get TURN credentials. For a public deployment set"
            + " auth: token and a secret; see docs/security.md ***");
  }

  private static byte[] secret(ParleyConfig config) {
    if (config.secret() != null) {
      return config.secret().getBytes(StandardCharsets.UTF_8);
    }
    log.info(
        "no secret configured: using a random one, so resume tokens and TURN credentials will not survive a restart");
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
  }

  /** The URLs to open, one per bound address. */
  public List<String> urls() {
    String scheme = certificate != null ? "https" : "http";
    return http.boundAddresses().stream().map(address -> url(scheme, address)).toList();
  }

  /** A browser on this machine reaches loopback and wildcard listeners as localhost. */
  private static String url(String scheme, InetSocketAddress address) {
    boolean local =
        address.getAddress().isLoopbackAddress() || address.getAddress().isAnyLocalAddress();
    return scheme + "://" + (local ? "localhost:" + address.getPort() : hostPort(address)) + "/";
  }

  /** The served TLS certificate, or {@code null} without TLS. */
  public ServerCertificate certificate() {
    return certificate;
  }

  /** Where plain HTTP is redirected to HTTPS from; empty without {@code http-redirect-port}. */
  public List<InetSocketAddress> redirectAddresses() {
    return http.redirectAddresses();
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

  /** The media port, or {@code null} unless media-port is set. */
  public MediaPort media() {
    return media;
  }

  public Metrics metrics() {
    return metrics;
  }

  /**
   * Graceful stop, bounded by the drain timeout: stop accepting, tell every client to go away (they
   * reconnect elsewhere or after the restart, and resume), wait for them to leave, then close
   * whatever is left. Idempotent; returns when stopped.
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
    // Whatever the rooms' last moments queued gets a last chance to go out.
    webhooks.close(config.webhook().timeout());
    log.info("stopped");
  }

  /**
   * Stops at once: no goaway, connections dropped, and in a cluster not a word to Redis, so the
   * other nodes learn of it only as its entries expire. What a crash looks like from outside; for
   * tests of node failure.
   */
  public void kill() {
    if (stopping.compareAndSet(false, true)) {
      stopNow();
      webhooks.close(Duration.ZERO);
    }
  }

  private void stopNow() {
    if (certificateWatcher != null) {
      certificateWatcher.close();
    }
    http.stopListening();
    if (turn != null) {
      turn.stop();
    }
    if (media != null) {
      media.stop();
    }
    http.closeConnections();
    acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    if (directory != null) {
      // Its peers stay in Redis: they resume on other nodes, or time out when no one refreshes
      // them.
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
