package dev.parley.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * A real {@code redis-server} (the Debian package) on a free loopback port, without persistence,
 * started and stopped by the test. {@link #stop()} then {@link #start()} again is a Redis restart
 * that lost everything, as a Redis without persistence does.
 */
public final class RedisServer implements AutoCloseable {
  private static final String BINARY = "/usr/bin/redis-server";
  private final int port;
  private final Path log;
  private Process process;

  private RedisServer(int port) throws IOException {
    this.port = port;
    this.log = Files.createTempFile("parley-redis-", ".log");
  }

  public static RedisServer start(int port) throws IOException {
    RedisServer server = new RedisServer(port == 0 ? freePort() : port);
    server.start();
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public void start() throws IOException {
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new IllegalStateException(
          BINARY + " is missing: install the redis-server package (.ci/run does)");
    }
    process =
        new ProcessBuilder(
                BINARY,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> command("PING").equals("+PONG"));
  }

  /** Sends one inline command and returns the first line of the reply. */
  private String command(String command) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  public void flushAll() throws IOException {
    String reply = command("FLUSHALL");
    if (!reply.equals("+OK")) {
      throw new IllegalStateException("FLUSHALL answered " + reply);
    }
  }

  /** Kills Redis at once, as a crash would. */
  public void stop() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Stops it; an interrupt while waiting stays set for the caller, as close() may not throw it. */
  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
