package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.parley.auth.AccessGrant;
import dev.parley.auth.AccessTokens;
import dev.parley.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

final class MainTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
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

    for (Setting<?> setting : Setting.all()) {
      assertThat(out()).contains(setting.flag(), setting.envName());
    }
    assertThat(out()).contains("serve", "version", "Default: 8080.");
  }

  @Test
  void serveHasTheSameOptions() throws InterruptedException {
    assertThat(run("serve", "--help")).isZero();

    for (Setting<?> setting : Setting.all()) {
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

    assertThat(err())
        .isEqualTo(
            "parley: invalid value \"abc\" for port (from --port): expected a whole number\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void aClusterNodeThatCannotReachRedisSaysWhereWithoutThePassword() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertThat(
            run(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--turn",
                "false",
                "--secret",
                "0123456789abcdef0123456789abcdef",
                "--redis",
                "redis://:hunter2@127.0.0.1:" + closedPort))
        .isEqualTo(1);

    assertThat(err())
        .startsWith("parley: cannot reach Redis at 127.0.0.1:" + closedPort + ": ")
        .doesNotContain("hunter2");
    assertThat(out()).isEmpty();
  }

  @Test
  void flagsBeforeAndAfterServeAreBothRead() throws InterruptedException {
    assertThat(run("--max-rooms", "0", "serve", "--port", "1")).isEqualTo(2);

    assertThat(err()).startsWith("parley: invalid value \"0\" for max-rooms (from --max-rooms)");
  }

  @Test
  void aSwitchAloneTurnsItOn() throws InterruptedException {
    assertThat(run("--tls-self-signed", "--tls-cert", "cert.pem", "--tls-key", "key.pem"))
        .isEqualTo(2);

    assertThat(err())
        .isEqualTo(
            "parley: tls-self-signed (from --tls-self-signed) and tls-cert (from --tls-cert)"
                + " cannot both be used: choose one certificate\n");
  }

  @Test
  void aSettingValueThatIsAlsoACommandNameIsAValue() throws InterruptedException {
    assertThat(run("--auth", "token", "--port", "abc")).isEqualTo(2);
    assertThat(err()).startsWith("parley: invalid value \"abc\" for port");
    err.reset();
    assertThat(run("--auth=token", "--port", "abc")).isEqualTo(2);
    assertThat(err()).startsWith("parley: invalid value \"abc\" for port");
  }

  @Test
  void unknownOption() throws InterruptedException {
    assertThat(run("--prot")).isEqualTo(2);

    assertThat(err())
        .isEqualTo("parley: Unknown option: '--prot'\nRun 'parley --help' for usage.\n");
  }

  @Test
  @Timeout(30)
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThat(run("--bind", "127.0.0.1", "--port", Integer.toString(port), "--turn", "false"))
          .isEqualTo(1);

      assertThat(err())
          .isEqualTo(
              "parley: cannot listen for HTTP on 127.0.0.1:" + port + ": Address already in use\n");
    }
  }

  @Test
  @Timeout(30)
  void turnPortInUseIsNamedAsSuch() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThat(run("--bind", "127.0.0.1", "--port", "0", "--turn-port", Integer.toString(port)))
          .isEqualTo(1);

      assertThat(err())
          .isEqualTo(
              "parley: cannot listen for STUN/TURN on 127.0.0.1:"
                  + port
                  + ": Address already in use\n");
    }
  }

  @Test
  void tokenPrintsATokenTheServerAccepts() throws Exception {
    assertThat(
            run(
                "token",
                "--room",
                "standup",
                "--identity",
                "ada",
                "--name",
                "Ada",
                "--ttl",
                "2h",
                "--no-data",
                "--secret",
                SECRET))
        .isZero();

    String[] lines = out().split("\n");
    AccessGrant grant =
        new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
            .verify(lines[lines.length - 1], "standup", null);
    assertThat(grant).isEqualTo(new AccessGrant("ada", "Ada", true, false));
    assertThat(err()).isEmpty();
  }

  @Test
  void tokenTakesTheSecretFromTheEnvironment() throws Exception {
    assertThat(
            Main.run(
                new String[] {"token", "--room", "*", "--identity", "bob"},
                Map.of("PARLEY_SECRET", SECRET),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isZero();

    AccessGrant grant =
        new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
            .verify(out().strip(), "any-room", "Bob");
    assertThat(grant).isEqualTo(new AccessGrant("bob", "Bob", true, true));
  }

  @Test
  void tokenWithoutASecretSaysWhereToPutOne() throws InterruptedException {
    assertThat(run("token", "--room", "standup", "--identity", "ada")).isEqualTo(2);

    assertThat(err())
        .isEqualTo(
            "parley token: no secret: give --secret, or set secret in the configuration"
                + " (or PARLEY_SECRET)\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void tokenWithABadTtl() throws InterruptedException {
    assertThat(run("token", "--room", "r", "--identity", "a", "--ttl", "soon", "--secret", SECRET))
        .isEqualTo(2);

    assertThat(err())
        .startsWith("parley token: invalid value \"soon\" for --ttl: expected a duration");
  }

  private int run(String... args) throws InterruptedException {
    return Main.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
