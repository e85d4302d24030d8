package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each configurable limit crossed over real sockets, while well-behaved clients carry on. */
@Timeout(120)
class LimitsTest {
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
  }

  private TestServer server(String... settings) throws InterruptedException {
    TestServer server = TestServer.start(settings);
    toClose.add(server);
    return server;
  }

  private WsClient client(TestServer server) {
    WsClient client = server.connect();
    toClose.add(client);
    return client;
  }

  @Test
  void aFrameOverTheSizeLimitClosesWith1009() throws Exception {
    TestServer server = server("max-frame-bytes=1024");
    WsClient ok = client(server);
    ok.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(900) + "\"}");
    ok.expect("pong");

    WsClient big = client(server);
    big.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");
    assertThat(big.awaitClose().code()).isEqualTo(1009);
    ok.send("ping");
    ok.expect("pong");
  }

  @Test
  void aMessageSentInFragmentsOverTheLimitClosesWith1009() throws Exception {
    TestServer server = server("max-frame-bytes=1024");
    WsClient big = client(server);
    big.sendFragments("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(700), "y".repeat(700) + "\"}");
    assertThat(big.awaitClose().code()).isEqualTo(1009);
  }

  @Test
  void aClientStillSendingAfterAFrameTooBigStillLearnsWhy() throws Exception {
    TestServer server = server("max-frame-bytes=1024");
    try (RawWebSocket raw = new RawWebSocket(server.port())) {
      assertThat(closeAfterSending(raw, RawWebSocket.frame(true, 0x1, ping(2000))))
          .isEqualTo(new WsClient.Closed(1009, "Max frame length of 1024 has been exceeded."));
    }
  }

  @Test
  void aClientStillSendingAfterAMessageTooBigInFragmentsStillLearnsWhy() throws Exception {
    TestServer server = server("max-frame-bytes=1024");
    try (RawWebSocket raw = new RawWebSocket(server.port())) {
      byte[] message = ping(1400);
      assertThat(
              closeAfterSending(
                  raw,
                  RawWebSocket.frame(false, 0x1, Arrays.copyOfRange(message, 0, 700)),
                  RawWebSocket.frame(true, 0x0, Arrays.copyOfRange(message, 700, message.length))))
          .isEqualTo(new WsClient.Closed(1009, "message too big"));
    }
  }

  /** A ping message padded to {@code bytes}. */
  private static byte[] ping(int bytes) {
    String head = "{\"type\":\"ping\",\"pad\":\"";
    return (head + "x".repeat(bytes - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Sends {@code frames} followed by far more than the server reads at once, in one write, and
   * reads up to the server's close frame. The server meets the offending frame with the rest still
   * unread: closing the socket then resets it, and a client that sees the reset (say, on its next
   * write) reports 1006, whether or not the close frame had arrived. So the connection must end in
   * order, after the close frame.
   */
  private static WsClient.Closed closeAfterSending(RawWebSocket raw, byte[]... frames)
      throws Exception {
    byte[][] burst = Arrays.copyOf(frames, frames.length + 4_000);
    Arrays.fill(burst, frames.length, burst.length, RawWebSocket.frame(true, 0x1, ping(100)));
    // Written from another thread: a write this large completes only as the server reads it.
    CompletableFuture<Void> writing =
        CompletableFuture.runAsync(
            () -> {
              try {
                raw.write(burst);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    RawWebSocket.Frame frame;
    do {
      frame = raw.read();
    } while (frame.opcode() != 0x8);
    writing.orTimeout(10, TimeUnit.SECONDS).join();
    assertThatThrownBy(raw::read)
        .as("an orderly end, not a reset")
        .isInstanceOf(EOFException.class);
    byte[] payload = frame.payload();
    return new WsClient.Closed(
        ((payload[0] & 0xff) << 8) | (payload[1] & 0xff),
        new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
  }

  @Test
  void overTheRateClientsGetRateLimitedThenClosedWith1008() throws Exception {
    TestServer server = server("messages-per-second=5", "message-burst=5");
    WsClient calm = client(server);
    WsClient noisy = client(server);
    for (int i = 0; i < 5; i++) {
      noisy.send("ping");
    }
    noisy.send("ping");
    for (int i = 0; i < 5; i++) {
      noisy.expect("pong");
    }
    assertThat(noisy.expectError("rate-limited").get("message").asText())
        .isEqualTo("too many messages: at most 5 per second");
    // Keeping on while refused is abuse. The server may close between two sends, so a send that
    // finds the connection closed ends the loop.
    noisy.sendWhileOpen("ping", 10);
    WsClient.Closed closed = noisy.awaitClose();
    assertThat(closed.code()).isEqualTo(1008);
    assertThat(closed.reason()).isEqualTo("message rate limit exceeded");

    calm.send("ping");
    calm.expect("pong");
  }

  @Test
  void aClientStillSendingWhenClosedForAbuseStillLearnsWhy() throws Exception {
    TestServer server = server("messages-per-second=5", "message-burst=5");
    WsClient noisy = client(server);
    // Far past the limit without waiting, so the server closes with frames of ours still unread:
    // closing the socket at once then reset it, and the client saw 1006 instead of the reason.
    noisy.sendWhileOpen("ping", 2_000);
    WsClient.Closed closed = noisy.awaitClose();
    assertThat(closed.code()).isEqualTo(1008);
    assertThat(closed.reason()).isEqualTo("message rate limit exceeded");
  }

  @Test
  void connectionsPerAddressAreCapped() throws Exception {
    TestServer server = server("max-connections-per-ip=2");
    WsClient first = client(server);
    client(server);
    Throwable refused = catchThrowable(() -> WsClient.connect(server.ws(), null));
    assertThat(refused)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
        .isEqualTo(429);

    first.close();
    server.awaitConnections(1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions()
        .until(() -> toClose.add(WsClient.connect(server.ws(), null)));
  }

  @Test
  void originsAreCheckedOnUpgrade() throws Exception {
    TestServer server = server("allowed-origins=https://app.example.com");
    Throwable refused =
        catchThrowable(() -> WsClient.connect(server.ws(), "https://evil.example.net"));
    assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
        .isEqualTo(403);

    for (String origin :
        new String[] {
          null,
          "http://127.0.0.1:" + server.port(),
          "https://app.example.com",
          "HTTPS://APP.example.com:443"
        }) {
      WsClient client = WsClient.connect(server.ws(), origin);
      toClose.add(client);
      client.send("ping");
      client.expect("pong");
    }
  }

  @Test
  void theRoomLimitIsEnforced() throws Exception {
    TestServer server = server("max-rooms=2");
    client(server).join("one", "a");
    client(server).join("two", "b");
    WsClient third = client(server);
    third.send("join", "room", "three");
    assertThat(third.expectError("room-full").get("message").asText())
        .isEqualTo("this server has reached its limit of rooms");
    assertThat(third.join("two", "c").get("room").asText()).isEqualTo("two");
  }

  @Test
  void joinsPerAddressAreCappedPerMinute() throws Exception {
    TestServer server = server("joins-per-minute-per-ip=3");
    WsClient eager = client(server);
    for (int i = 0; i < 3; i++) {
      eager.join("standup", "eager");
      eager.send("leave");
    }
    eager.send("join", "room", "standup");
    assertThat(eager.expectError("rate-limited").get("message").asText())
        .isEqualTo("too many joins from your address: at most 3 per minute");
    // A new connection from the same address shares the count.
    WsClient again = client(server);
    again.send("join", "room", "standup");
    again.expectError("rate-limited");

    // Another address joins as usual, and the refused connection still works otherwise.
    WsClient elsewhere = WsClient.connectFrom(InetAddress.getByName("127.0.0.2"), server.ws());
    toClose.add(elsewhere);
    assertThat(elsewhere.join("standup", "calm").get("peers")).isEmpty();
    eager.send("ping");
    eager.expect("pong");
  }

  @Test
  void aRequestDribbledByteByByteIsCutOffAtTheHandshakeTimeout() throws Exception {
    TestServer server = server("handshake-timeout=1500ms");
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      slow.setSoTimeout(20_000);
      OutputStream out = slow.getOutputStream();
      out.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      // A header byte every 100 ms keeps the connection from ever being idle.
      boolean cutOff = false;
      for (int i = 0; i < 200 && !cutOff; i++) {
        try {
          out.write('X');
          out.flush();
          Thread.sleep(100);
        } catch (java.io.IOException reset) {
          cutOff = true;
        }
      }
      if (!cutOff) {
        assertThat(slow.getInputStream().read()).as("end of stream").isEqualTo(-1);
      }
      // Meanwhile, and after, a client that completes its upgrade at once is served.
      WsClient prompt = client(server);
      prompt.send("ping");
      prompt.expect("pong");
    }
  }

  @Test
  void anIdleKeepAliveHttpConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
    TestServer server = server("handshake-timeout=500ms");
    try (Socket keepAlive = new Socket("127.0.0.1", server.port())) {
      keepAlive.setSoTimeout(10_000);
      keepAlive
          .getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String answer =
          new String(keepAlive.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 200").endsWith("ok\n");
    }
  }

  @Test
  void compressionIsNotNegotiatedAndACompressedFrameIsRefused() throws Exception {
    TestServer server = server();
    WsClient calm = client(server);
    try (RawWebSocket raw =
        new RawWebSocket(
            server.port(),
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
      assertThat(raw.responseHead().toLowerCase(java.util.Locale.ROOT))
          .doesNotContain("sec-websocket-extensions");
      raw.sendCompressed(
          0x1, new byte[] {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00});
      RawWebSocket.Frame close = raw.read();
      assertThat(close.opcode()).isEqualTo(0x8);
      assertThat(((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff)).isEqualTo(1002);
    }
    calm.send("ping");
    calm.expect("pong");
  }

  @Test
  void roomNamesAndDisplayNamesAreBounded() throws Exception {
    TestServer server = server();
    WsClient client = client(server);
    client.send("join", "room", "r".repeat(65));
    assertThat(client.expectError("bad-message").get("message").asText())
        .isEqualTo("field 'room' must be 1 to 64 characters of A-Z a-z 0-9 . _ ~ -");
    client.send("join", "room", "standup", "name", "n".repeat(65));
    assertThat(client.expectError("bad-message").get("message").asText())
        .isEqualTo("field 'name' must be at most 64 characters");
    // At the limits, the same connection joins.
    JsonNode welcome = client.join("r".repeat(64), "n".repeat(64));
    assertThat(welcome.get("room").asText()).hasSize(64);
  }

  @Test
  void silentConnectionsArePingedAndClosed() throws Exception {
    TestServer server = server("ping-interval=200ms", "idle-timeout=600ms");
    WsClient answering = client(server);
    try (Socket mute = new Socket("127.0.0.1", server.port())) {
      mute.setSoTimeout(5_000);
      OutputStream out = mute.getOutputStream();
      out.write(
          ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = mute.getInputStream();
      byte[] everything = in.readAllBytes();
      String text = new String(everything, StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("HTTP/1.1 101");
      int body = text.indexOf("\r\n\r\n") + 4;
      // A ping frame (FIN + opcode 9) came before the server gave up on us.
      assertThat(everything[body] & 0xff).isEqualTo(0x89);
    }
    // The JDK client answers pings, so it is still connected.
    answering.send("ping");
    answering.expect("pong");
  }

  @Test
  void aClientThatStopsReadingIsDroppedWithoutSlowingTheOthers() throws Exception {
    TestServer server =
        server(
            "messages-per-second=1000000", "message-burst=1000000", "outbound-buffer-bytes=64KiB");
    WsClient flooder = client(server);
    flooder.join("flood", "flooder");
    WsClient stuck = client(server);
    String stuckId = stuck.join("flood", "stuck").get("peerId").asText();
    flooder.expect("peer-joined");
    stuck.pauseReading();

    WsClient carol = client(server);
    carol.join("calm", "carol");
    WsClient dave = client(server);
    String daveId = dave.join("calm", "dave").get("peerId").asText();
    carol.expect("peer-joined");

    JsonNode bulk = WsClient.JSON.createObjectNode().put("pad", "z".repeat(16 * 1024));
    Thread flood =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    flooder.send("signal", "to", stuckId, "data", bulk);
                  }
                });
    for (int i = 0; i < 500; i++) {
      carol.send("signal", "to", daveId, "data", WsClient.JSON.createObjectNode().put("seq", i));
      assertThat(dave.expect("signal").get("data").get("seq").asInt()).isEqualTo(i);
    }
    flood.join(60_000);
    // Generous: on a loaded 2-core machine filling the socket buffers alone takes a while.
    Awaitility.await()
        .atMost(Duration.ofSeconds(45))
        .until(
            () ->
                server
                    .server()
                    .metrics()
                    .scrape()
                    .contains("parley_slow_clients_dropped_total 1.0"));
  }
}
