package dev.parley.testing;

import dev.parley.ParleyServer;
import dev.parley.config.ParleyConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Parley listening on an ephemeral loopback port, stopped by {@link #close()}.
 *
 * <p>Inside a test class run {@link AcrossNodes}, it is a cluster instead: {@link #NODES} nodes
 * sharing that class's Redis, with every new connection ({@link #connect()}, {@link #ws()}) going
 * to the next node in turn, so the same test puts its clients on different nodes.
 */
public final class TestServer implements AutoCloseable {
  public static final int NODES = 3;

  /** The Redis of the {@link AcrossNodes} class running, or {@code null}. */
  static volatile RedisServer redis;

  private final List<ParleyServer> nodes = new ArrayList<>();
  private final ParleyConfig config;
  private final AtomicInteger next = new AtomicInteger();

  private TestServer(ParleyConfig config) throws InterruptedException {
    this.config = config;
    try {
      if (config.cluster().enabled()) {
        for (int i = 0; i < NODES; i++) {
          nodes.add(ParleyServer.start(config));
        }
      } else {
        nodes.add(ParleyServer.start(config));
      }
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  /**
   * @param settings the {@link TestConfig} defaults changed, each as {@code key=value}; inside
   *     {@link AcrossNodes}, {@code redis} is that class's Redis
   */
  public static TestServer start(String... settings) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of(settings));
    RedisServer shared = redis;
    if (shared != null) {
      all.add("redis=" + shared.uri());
    }
    return new TestServer(TestConfig.with(all.toArray(String[]::new)));
  }

  /** The nodes, in the order connections go to them; one when not clustered. */
  public List<ParleyServer> nodes() {
    return nodes;
  }

  /** The node the next connection goes to. */
  private ParleyServer nextNode() {
    return nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
  }

  public ParleyConfig config() {
    return config;
  }

  /** The first node's port. */
  public int port() {
    return nodes.getFirst().port();
  }

  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** The WebSocket URL of the next node in turn. */
  public URI ws() {
    return URI.create("ws://127.0.0.1:" + nextNode().port() + "/ws");
  }

  public WsClient connect() {
    return WsClient.connect(ws(), null);
  }

  /** Waits until the server counts exactly {@code n} open WebSocket connections. */
  public void awaitConnections(int n) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> nodes.stream().mapToInt(ParleyServer::openConnections).sum() == n);
  }

  /** The first node. */
  public ParleyServer server() {
    return nodes.getFirst();
  }

  @Override
  public void close() {
    nodes.parallelStream().forEach(ParleyServer::shutdown);
  }
}
