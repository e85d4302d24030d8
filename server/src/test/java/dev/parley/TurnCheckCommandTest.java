package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley turn-check} against a running server with the default peer policy, over UDP and
 * TCP; and its failures: nothing listening, a wrong secret, no secret.
 */
@Timeout(60)
final class TurnCheckCommandTest {
  private static final String SECRET = "a-turn-check-secret-of-at-least-32-characters";
  private static TestServer server;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws InterruptedException {
    server = TestServer.start("secret=" + SECRET, "drain-timeout=0s", "turn=true", "turn-port=0");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void passesOverUdpAndReportsTheRelayedAddressAndRoundTrip() throws Exception {
    assertThat(run("turn-check", "--url", url("udp"), "--secret", SECRET)).as(err()).isZero();
    assertThat(out())
        .contains("TURN check passed: " + url("udp"))
        .containsPattern(
            "relayed address: 127\\.0\\.0\\.1:\\d+ \\(peer allocation 127\\.0\\.0\\.1:\\d+\\)")
        .containsPattern("round trip through both relays: \\d+\\.\\d ms");
  }

  @Test
  void passesOverTcpWithTheSecretFromTheEnvironment() throws Exception {
    assertThat(run(Map.of("PARLEY_SECRET", SECRET), "turn-check", "--url", url("tcp")))
        .as(err())
        .isZero();
    assertThat(out()).contains("TURN check passed: " + url("tcp"));
  }

  @Test
  void readsTheSecretFromTheConfigFile(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("parley.yaml"), "secret: " + SECRET + "\n");
    assertThat(run("turn-check", "-c", config.toString(), "--url", url("udp"))).as(err()).isZero();
  }

  @Test
  void failsClearlyWithAWrongSecret() throws Exception {
    assertThat(
            run(
                "turn-check",
                "--url",
                url("udp"),
                "--secret",
                "not-the-secret-but-also-32-characters-long"))
        .isEqualTo(1);
    assertThat(err())
        .contains("TURN check failed: " + url("udp"))
        .contains("Allocate refused by", "401 Unauthenticated", "the secret is not the server's");
  }

  @Test
  void failsClearlyWhenNothingListensOverUdp() throws Exception {
    int port;
    try (DatagramSocket free = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      port = free.getLocalPort();
    }
    String url = "turn:127.0.0.1:" + port + "?transport=udp";
    assertThat(run("turn-check", "--url", url, "--secret", SECRET)).isEqualTo(1);
    assertThat(err())
        .startsWith("TURN check failed: " + url + ": ")
        .containsAnyOf("nothing listens", "no answer");
  }

  @Test
  void failsClearlyWhenNothingListensOverTcp() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    String url = "turn:127.0.0.1:" + port + "?transport=tcp";
    assertThat(run("turn-check", "--url", url, "--secret", SECRET)).isEqualTo(1);
    assertThat(err()).contains("TURN check failed: " + url + ": cannot connect to");
  }

  @Test
  void withoutASecretItSaysWhereToPutOne() throws Exception {
    assertThat(run("turn-check", "--url", url("udp"))).isEqualTo(2);
    assertThat(err()).contains("no secret: pass --secret");
  }

  @Test
  void aMalformedUrlIsAUsageError() throws Exception {
    assertThat(run("turn-check", "--url", "http://example.com", "--secret", SECRET)).isEqualTo(2);
    assertThat(err()).contains("is not a turn: URL");
  }

  private static String url(String transport) {
    return "turn:127.0.0.1:" + server.server().turn().port() + "?transport=" + transport;
  }

  private int run(String... args) throws InterruptedException {
    return run(Map.of(), args);
  }

  private int run(Map<String, String> env, String... args) throws InterruptedException {
    return Main.run(
        args,
        env,
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
