package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the relay scenario, tiny, against the real server jar, so that the load generator keeps
 * working as the server changes. Asserts correctness only: speed on a CI machine means nothing.
 */
class RelayScenarioIT {
  private static final Pattern RUNNING =
      Pattern.compile("Parley is running: open http://localhost:(\\d+)/");

  private static Process server;
  private static int port;

  @BeforeAll
  static void startServer() throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("parley.jar", "../server/target/parley.jar"));
    assumeTrue(
        Files.isRegularFile(jar),
        "no server jar at "
            + jar.toAbsolutePath()
            + "; build it first (./mvnw package -pl server) to run the relay benchmark test");
    String java = ProcessHandle.current().info().command().orElse("java");
    server =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--turn",
                "false",
                "--media-port",
                "0",
                "--messages-per-second",
                "1000000",
                "--message-burst",
                "1000000",
                "--drain-timeout",
                "1s")
            .redirectErrorStream(true)
            .start();
    // Read the server's output for as long as it runs, so that it never blocks on a full pipe.
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (var reader =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The server is gone; the test notices.
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (port == 0) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException("the server did not say it was running within 120 s");
      }
      Matcher running = RUNNING.matcher(line);
      if (running.find()) {
        port = Integer.parseInt(running.group(1));
      }
    }
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(15, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @ParameterizedTest(name = "--rate {0}")
  @ValueSource(strings = {"max", "400"})
  @Timeout(180)
  void everySignalArrivesInOrder(String rate) throws InterruptedException {
    Options options =
        Options.parse(
            "--url",
            "ws://127.0.0.1:" + port + "/ws",
            "--peers",
            "4",
            "--rate",
            rate,
            "--window",
            "8",
            "--warmup",
            "500ms",
            "--duration",
            "1s",
            "--server-pid",
            Long.toString(server.pid()));

    Results results = new RelayScenario(options, System.err).run();

    System.err.print(results.summary());
    assertThat(results.receivedTotal()).isPositive();
    assertThat(results.latencySamples()).isPositive();
    assertThat(results.lost()).isZero();
    assertThat(results.outOfOrder()).isZero();
  }
}
