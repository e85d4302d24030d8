package dev.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.TestCertificates;
import dev.parley.testing.TestCertificates.Issued;
import dev.parley.testing.TestCertificates.KeyForm;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HTTPS and WSS over real sockets, with certificates from a CA made for the test. */
@Timeout(60)
final class TlsTest {
  private final TestCertificates ca = new TestCertificates();
  private final HttpClient https = ca.httpClient();
  @TempDir Path dir;

  private TestServer start(Issued files, String... more) throws InterruptedException {
    List<String> settings =
        new java.util.ArrayList<>(List.of("tls-cert=" + files.cert(), "tls-key=" + files.key()));
    settings.addAll(List.of(more));
    return TestServer.start(settings.toArray(String[]::new));
  }

  @Test
  void httpsServesTheAppAndHealth() throws Exception {
    Path web = Files.createDirectory(dir.resolve("web"));
    Files.writeString(
        web.resolve("index.html"), "<!doctype html><html><title>Parley</title></html>\n");
    try (TestServer server = start(ca.issue(dir, 1, KeyForm.PKCS8_RSA), "web-root=" + web)) {
      HttpResponse<String> health =
          get(https, URI.create("https://127.0.0.1:" + server.port() + "/healthz"));
      HttpResponse<String> app = get(https, URI.create("https://127.0.0.1:" + server.port() + "/"));

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("ok\n");
      assertThat(health.headers().firstValue("Strict-Transport-Security")).isEmpty();
      assertThat(app.statusCode()).isEqualTo(200);
      assertThat(app.body()).contains("<html");
      assertThat(server.server().urls())
          .containsExactly("https://localhost:" + server.port() + "/");
      long notAfter =
          server.server().certificate().certificate().getNotAfter().toInstant().getEpochSecond();
      Matcher expiry =
          Pattern.compile("(?m)^parley_tls_certificate_not_after_seconds (\\S+)$")
              .matcher(
                  get(https, URI.create("https://127.0.0.1:" + server.port() + "/metrics")).body());
      assertThat(expiry.find()).isTrue();
      assertThat(Double.parseDouble(expiry.group(1))).isEqualTo(notAfter);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyForm.class)
  void everyKeyFormOpenSslWrites(KeyForm form) throws Exception {
    try (TestServer server = start(ca.issue(dir, 7, form))) {
      assertThat(servedSerial(server.port())).isEqualTo(7);
      assertThat(
              get(https, URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void wssJoinFromTheSameHttpsOrigin() throws Exception {
    try (TestServer server = start(ca.issue(dir, 1, KeyForm.PKCS8_RSA));
        WsClient client =
            WsClient.connect(
                URI.create("wss://127.0.0.1:" + server.port() + "/ws"),
                "https://127.0.0.1:" + server.port(),
                https)) {
      assertThat(client.join("tls-room", "Ada").path("peerId").asText()).isNotEmpty();
      client.expectNothing();
    }
  }

  @Test
  void plainHttpOriginIsRefusedOverTls() throws Exception {
    try (TestServer server = start(ca.issue(dir, 1, KeyForm.PKCS8_RSA))) {
      URI wss = URI.create("wss://127.0.0.1:" + server.port() + "/ws");

      assertThatThrownBy(() -> WsClient.connect(wss, "http://127.0.0.1:" + server.port(), https))
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }
  }

  @Test
  void changedFilesAreServedToNewConnections() throws Exception {
    try (TestServer server = start(ca.issue(dir, 1, KeyForm.PKCS8_RSA));
        WsClient before =
            WsClient.connect(URI.create("wss://127.0.0.1:" + server.port() + "/ws"), null, https)) {
      before.join("renewal", "Ada");

      ca.issue(dir, 2, KeyForm.SEC1_EC);

      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> servedSerial(server.port()) == 2);
      // The connection made with the old certificate carries on.
      before.send("ping");
      before.expect("pong");
    }
  }

  @Test
  void unusableNewFilesKeepTheCurrentCertificate() throws Exception {
    Issued files = ca.issue(dir, 1, KeyForm.PKCS8_RSA);
    try (TestServer server = start(files)) {
      ServerCertificate certificate = server.server().certificate();

      Files.writeString(
          files.cert(), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
      assertThat(certificate.reload()).isFalse();
      assertThat(servedSerial(server.port())).isEqualTo(1);

      // A key that belongs to another certificate: the slip of a renewal that wrote one file only.
      Issued third = ca.issue(Files.createDirectory(dir.resolve("third")), 3, KeyForm.PKCS8_RSA);
      Issued fourth = ca.issue(Files.createDirectory(dir.resolve("fourth")), 4, KeyForm.PKCS8_RSA);
      Files.copy(third.cert(), files.cert(), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(fourth.key(), files.key(), StandardCopyOption.REPLACE_EXISTING);
      assertThat(certificate.reload()).isFalse();
      assertThat(servedSerial(server.port())).isEqualTo(1);

      Files.delete(files.key());
      assertThat(certificate.reload()).isFalse();
      assertThat(servedSerial(server.port())).isEqualTo(1);
      assertThat(
              get(https, URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void unusableFilesStopTheStartWithTheReason() throws Exception {
    Issued files = ca.issue(dir, 1, KeyForm.PKCS8_RSA);
    Path other = Files.createDirectory(dir.resolve("other"));
    Path otherKey = ca.issue(other, 2, KeyForm.SEC1_EC).key();
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello\n");

    assertThatThrownBy(() -> start(new Issued(files.cert(), otherKey)))
        .isInstanceOf(TlsException.class)
        .hasMessage(
            "the private key in "
                + otherKey
                + " does not belong to the first certificate in "
                + files.cert()
                + " (the leaf must come first, as in Let's Encrypt's fullchain.pem)");
    assertThatThrownBy(() -> start(new Issued(files.cert(), garbage)))
        .isInstanceOf(TlsException.class)
        .hasMessage(garbage + " holds no PEM private key");
    assertThatThrownBy(() -> start(new Issued(garbage, files.key())))
        .isInstanceOf(TlsException.class)
        .hasMessage(garbage + " is not a PEM certificate chain: No certificate data found");
    assertThatThrownBy(() -> start(new Issued(dir.resolve("missing.pem"), files.key())))
        .isInstanceOf(TlsException.class)
        .hasMessageStartingWith("cannot read " + dir.resolve("missing.pem"));
  }

  @Test
  void hstsHeaderWhenConfigured() throws Exception {
    try (TestServer server = start(ca.issue(dir, 1, KeyForm.PKCS8_RSA), "hsts-max-age=1d")) {
      HttpResponse<String> health =
          get(https, URI.create("https://127.0.0.1:" + server.port() + "/healthz"));

      assertThat(health.headers().firstValue("Strict-Transport-Security"))
          .contains("max-age=86400");
    }
  }

  @Test
  void plainHttpIsRedirectedToHttps() throws Exception {
    try (TestServer server = start(ca.issue(dir, 1, KeyForm.PKCS8_RSA), "http-redirect-port=0")) {
      int plain = server.server().redirectAddresses().getFirst().getPort();
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> get =
          get(http, URI.create("http://127.0.0.1:" + plain + "/healthz?probe=1"));
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain + "/ws"))
                  .POST(HttpRequest.BodyPublishers.ofString("body"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(get.statusCode()).isEqualTo(308);
      assertThat(get.headers().firstValue("Location"))
          .contains("https://127.0.0.1:" + server.port() + "/healthz?probe=1");
      assertThat(post.statusCode()).isEqualTo(308);
      assertThat(post.headers().firstValue("Location"))
          .contains("https://127.0.0.1:" + server.port() + "/ws");
      // Where the redirect points, the page is served.
      assertThat(
              get(https, URI.create(get.headers().firstValue("Location").orElseThrow()))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aRedirectWithoutAUsableHostGoesToTheAddressReached() throws Exception {
    try (TestServer server = start(ca.issue(dir, 1, KeyForm.PKCS8_RSA), "http-redirect-port=0")) {
      int plain = server.server().redirectAddresses().getFirst().getPort();

      assertThat(rawRequest(plain, "GET /healthz HTTP/1.0\r\n\r\n"))
          .startsWith("HTTP/1.1 308 Permanent Redirect")
          .contains("location: https://127.0.0.1:" + server.port() + "/healthz\r\n");
      assertThat(rawRequest(plain, "GET / HTTP/1.1\r\nHost: evil.example/x\r\n\r\n"))
          .contains("location: https://127.0.0.1:" + server.port() + "/\r\n");
    }
  }

  /** Sends {@code request} as is and returns the whole answer, read until the server closes. */
  private static String rawRequest(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void selfSignedCertificateNamesThisMachine() throws Exception {
    try (TestServer server = TestServer.start("tls-self-signed=true")) {
      X509Certificate certificate = server.server().certificate().certificate();
      List<String> names =
          certificate.getSubjectAlternativeNames().stream()
              .map(entry -> entry.get(1).toString())
              .toList();
      HttpClient trusting =
          HttpClient.newBuilder().sslContext(TestCertificates.trusting(certificate)).build();

      assertThat(names).contains("localhost", "127.0.0.1");
      assertThat(names).anyMatch(name -> name.equals("0:0:0:0:0:0:0:1") || name.equals("::1"));
      assertThat(certificate.getSubjectX500Principal())
          .isEqualTo(certificate.getIssuerX500Principal());
      assertThat(server.server().certificate().dnsName()).isEmpty();
      assertThat(
              get(trusting, URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(server.server().urls().getFirst()).startsWith("https://");
    }
  }

  /** The serial number of the certificate a new TLS connection is shown. */
  private long servedSerial(int port) throws IOException {
    SSLContext context = ca.sslContext();
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      BigInteger serial =
          ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
      return serial.longValueExact();
    }
  }

  private static HttpResponse<String> get(HttpClient client, URI uri)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
