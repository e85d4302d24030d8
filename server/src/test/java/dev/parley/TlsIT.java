package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ChildServer;
import dev.parley.testing.TestCertificates;
import dev.parley.testing.TestCertificates.Issued;
import dev.parley.testing.TestCertificates.KeyForm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar with TLS, run as users run it: its start-up line, SIGHUP, a bad certificate. */
@Timeout(60)
class TlsIT {
  @TempDir Path dir;
  private ChildServer server;
  private Process process;

  @AfterEach
  void kill() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
  }

  private static List<String> command(String... flags) {
    return command(Hangup.DEFAULT, flags);
  }

  /**
   * What SIGHUP does in the server when it starts. A process inherits it: under a test run started
   * with nohup the server would ignore it, unless reset.
   */
  private enum Hangup {
    DEFAULT("--default-signal=HUP"),
    IGNORED("--ignore-signal=HUP");

    final String envFlag;

    Hangup(String envFlag) {
      this.envFlag = envFlag;
    }
  }

  private static List<String> command(Hangup hangup, String... flags) {
    List<String> command = new ArrayList<>(List.of("env", hangup.envFlag));
    command.addAll(ChildServer.jar("--bind", "127.0.0.1", "--port", "0", "--turn", "false"));
    command.addAll(List.of(flags));
    return command;
  }

  /** Starts the jar; its log goes to {@code log.txt}. */
  private ChildServer start(String... flags) throws Exception {
    return start(Hangup.DEFAULT, flags);
  }

  private ChildServer start(Hangup hangup, String... flags) throws Exception {
    server =
        ChildServer.start(
            command(hangup, flags), ProcessBuilder.Redirect.to(dir.resolve("log.txt").toFile()));
    process = server.process();
    return server;
  }

  @Test
  void selfSignedPrintsAnHttpsUrlAndServesIt() throws Exception {
    ChildServer started = start("--tls-self-signed");
    int port = started.port();
    X509Certificate served = servedCertificate(port, trustingAnything());
    HttpClient client =
        HttpClient.newBuilder().sslContext(TestCertificates.trusting(served)).build();

    assertThat(started.scheme()).isEqualTo("https");
    assertThat(served.getSubjectX500Principal()).isEqualTo(served.getIssuerX500Principal());
    assertThat(healthz(client, port)).isEqualTo(200);
    assertThat(Files.readString(dir.resolve("log.txt"))).contains("SELF-SIGNED");
  }

  @Test
  void sighupReloadsTheCertificateAndTheServerCarriesOn() throws Exception {
    TestCertificates ca = new TestCertificates();
    Issued files = ca.issue(dir, 1, KeyForm.PKCS1_RSA);
    int port =
        start("--tls-cert", files.cert().toString(), "--tls-key", files.key().toString()).port();

    // The files are unchanged, so only the signal can make it read them again; without a
    // handler, SIGHUP would end the JVM.
    Process hup =
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    assertThat(hup.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String killSaid = new String(hup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(hup.exitValue()).as("kill -HUP: %s", killSaid).isZero();

    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  Files.readString(dir.resolve("log.txt"))
                      .contains("TLS certificate reloaded from"));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no reload logged within 20 s of SIGHUP; server alive: "
              + process.isAlive()
              + "; its log:\n"
              + Files.readString(dir.resolve("log.txt")),
          e);
    }
    assertThat(process.isAlive()).isTrue();
    assertThat(servedCertificate(port, ca.sslContext()).getSerialNumber().longValueExact())
        .isEqualTo(1);
    assertThat(healthz(ca.httpClient(), port)).isEqualTo(200);
  }

  /** Under nohup the JVM keeps SIGHUP ignored and installs no handler: the server says so. */
  @Test
  void aServerStartedWithSighupIgnoredSaysSoAndStillServes() throws Exception {
    TestCertificates ca = new TestCertificates();
    Issued files = ca.issue(dir, 1, KeyForm.PKCS1_RSA);
    int port =
        start(
                Hangup.IGNORED,
                "--tls-cert",
                files.cert().toString(),
                "--tls-key",
                files.key().toString())
            .port();

    assertThat(Files.readString(dir.resolve("log.txt")))
        .contains(
            "SIGHUP is ignored in this process (started with nohup?), so it cannot ask for a reload");
    assertThat(healthz(ca.httpClient(), port)).isEqualTo(200);
  }

  @Test
  void anUnusableCertificateExitsWithAClearMessage() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
    Process bad =
        new ProcessBuilder(
                command("--tls-cert", garbage.toString(), "--tls-key", garbage.toString()))
            .start();

    assertThat(bad.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(bad.exitValue()).isEqualTo(1);
    assertThat(new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("parley: " + garbage + " is not a PEM certificate chain");
  }

  private static int healthz(HttpClient client, int port) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static X509Certificate servedCertificate(int port, SSLContext context) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /**
   * Only to read which certificate a server made for itself; never to trust a connection's content.
   */
  private static SSLContext trustingAnything() throws Exception {
    X509TrustManager anything =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {anything}, null);
    return context;
  }
}
