package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpEndpointsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.http(path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void healthAndReadiness() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(text(ready)).isEqualTo("ready\n");
  }

  @Test
  void metricsInPrometheusFormatCountMessagesAndErrors() throws Exception {
    try (WsClient client = server.connect()) {
      client.send("ping");
      client.expect("pong");
      client.sendRaw("nope");
      client.expectError("bad-json");
      HttpResponse<byte[]> metrics = get("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(text(metrics))
          .contains("parley_connections ")
          .contains("parley_rooms ")
          .contains("parley_peers ")
          .containsPattern("parley_messages_in_total\\{type=\"ping\"} [1-9]")
          .containsPattern("parley_messages_out_total\\{type=\"pong\"} [1-9]")
          .containsPattern("parley_errors_total\\{code=\"bad-json\"} [1-9]")
          .contains("parley_resumes_total{outcome=\"resumed\"}");
    }
  }

  @Test
  void theWebRootIsServedWithTypesCachingAndCompression() throws Exception {
    HttpResponse<byte[]> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(index.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(text(index)).contains("<title>Parley</title>");
    String etag = index.headers().firstValue("etag").orElseThrow();

    HttpResponse<byte[]> again = get("/", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    // The web app's hashed bundle, as the built index names it: typed, cached for good, and
    // compressed (the index itself is too small for gzip to pay).
    String scriptPath = assetOf(text(index), "js");
    HttpResponse<byte[]> script = get(scriptPath);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("content-type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(script.headers().firstValue("cache-control"))
        .hasValue("public, max-age=31536000, immutable");
    HttpResponse<byte[]> gzipped = get(scriptPath, "Accept-Encoding", "gzip");
    assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("vary"))
        .hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("accept-encoding"));
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(script.body());
    }
    HttpResponse<byte[]> style = get(assetOf(text(index), "css"));
    assertThat(style.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    assertThat(style.headers().firstValue("cache-control"))
        .hasValue("public, max-age=31536000, immutable");
  }

  /** The path of the built app's asset of this extension, from the index that references it. */
  private static String assetOf(String indexHtml, String extension) {
    Matcher matcher =
        Pattern.compile("\"(/assets/[^\"]+\\." + extension + ")\"").matcher(indexHtml);
    assertThat(matcher.find()).as("index.html references an /assets/*.%s", extension).isTrue();
    return matcher.group(1);
  }

  @Test
  void appRoutesFallBackToTheIndexButMissingFilesAreNotFound() throws Exception {
    HttpResponse<byte[]> room = get("/r/standup");
    assertThat(room.statusCode()).isEqualTo(200);
    assertThat(text(room)).contains("<title>Parley</title>");
    assertThat(get("/assets/missing.js").statusCode()).isEqualTo(404);
  }

  @Test
  void pathsCannotLeaveTheWebRoot() throws Exception {
    for (String path :
        new String[] {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fpom.xml"}) {
      String status = rawGet(path);
      assertThat(status).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("root:");
    }
  }

  @Test
  void onlyGetAndHead() throws Exception {
    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(server.http("/"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    HttpResponse<Void> head =
        HTTP.send(
            HttpRequest.newBuilder(server.http("/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
  }

  /** Sends the path unnormalised, as an attacker would (HTTP clients clean up dot segments). */
  private static String rawGet(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void webSocketUpgradeWorksOnlyAtWs() throws Exception {
    assertThat(get("/ws").statusCode()).isEqualTo(400);
    URI elsewhere = URI.create("ws://127.0.0.1:" + server.port() + "/other");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(() -> WsClient.connect(elsewhere, null)))
        .isNotNull();
  }
}
