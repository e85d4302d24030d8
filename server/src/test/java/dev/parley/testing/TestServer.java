package dev.parley.testing;

import dev.parley.ParleyServer;
import dev.parley.config.ParleyConfig;
import java.net.URI;
import java.util.function.UnaryOperator;

/** A real Parley listening on an ephemeral loopback port, stopped by {@link #close()}. */
public final class TestServer implements AutoCloseable {
  private final ParleyServer server;
  private final ParleyConfig config;

  private TestServer(ParleyConfig config) throws InterruptedException {
    this.config = config;
    this.server = ParleyServer.start(config);
  }

  public static TestServer start() throws InterruptedException {
    return start(UnaryOperator.identity());
  }

  public static TestServer start(UnaryOperator<ParleyConfig> tweak) throws InterruptedException {
    return new TestServer(tweak.apply(TestConfig.defaults()));
  }

  public ParleyConfig config() {
    return config;
  }

  public int port() {
    return server.port();
  }

  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public URI ws() {
    return URI.create("ws://127.0.0.1:" + port() + "/ws");
  }

  public WsClient connect() {
    return WsClient.connect(ws(), null);
  }

  /** Waits until the server counts exactly {@code n} open WebSocket connections. */
  public void awaitConnections(int n) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> server.openConnections() == n);
  }

  public ParleyServer server() {
    return server;
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
