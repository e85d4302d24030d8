package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.parley.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

final class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  // Main applies log-level and log-format to Logback; later tests expect their own setup.
  @AfterEach
  void restoreLogging() throws JoranException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void helpListsEverySettingWithItsVariable() throws InterruptedException {
    assertThat(run("--help")).isZero();

    for (Setting<?> setting : Setting.ALL) {
      assertThat(out()).contains(setting.flag(), setting.envName());
    }
    assertThat(out()).contains("serve", "version", "Default: 8080.");
  }

  @Test
  void serveHasTheSameOptions() throws InterruptedException {
    assertThat(run("serve", "--help")).isZero();

    for (Setting<?> setting : Setting.ALL) {
      assertThat(out()).contains(setting.flag());
    }
  }

  @Test
  void versionWithoutAManifest() throws InterruptedException {
    assertThat(run("version")).isZero();

    assertThat(out()).isEqualTo("parley dev\n");
  }

  @Test
  void badValueExitsWithUsageStatus() throws InterruptedException {
    assertThat(run("--port", "abc")).isEqualTo(2);

    assertThat(err()).isEqualTo("parley: invalid value \"abc\" for port (from --port): expected a whole number\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void aClusterNodeThatCannotReachRedisSaysWhereWithoutThePassword() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertThat(run("--bind", "127.0.0.1", "--port", "0", "--turn", "false",
        "--secret", "0123456789abcdef0123456789abcdef",
        "--redis", "redis://:hunter2@127.0.0.1:" + closedPort)).isEqualTo(1);

    assertThat(err()).startsWith("parley: cannot reach Redis at 127.0.0.1:" + closedPort + ": ")
        .doesNotContain("hunter2");
    assertThat(out()).isEmpty();
  }

  @Test
  void flagsBeforeAndAfterServeAreBothRead() throws InterruptedException {
    assertThat(run("--max-rooms", "0", "serve", "--port", "1")).isEqualTo(2);

    assertThat(err()).startsWith("parley: invalid value \"0\" for max-rooms (from --max-rooms)");
  }

  @Test
  void unknownOption() throws InterruptedException {
    assertThat(run("--prot")).isEqualTo(2);

    assertThat(err()).isEqualTo("parley: Unknown option: '--prot'\nRun 'parley --help' for usage.\n");
  }

  @Test
  @Timeout(30)
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThat(run("--bind", "127.0.0.1", "--port", Integer.toString(port))).isEqualTo(1);

      assertThat(err()).isEqualTo("parley: cannot listen on 127.0.0.1:" + port + ": Address already in use\n");
    }
  }

  private int run(String... args) throws InterruptedException {
    return Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
