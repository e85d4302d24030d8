package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real WebSocket client (the JDK's) that records what the server sends, for assertions in the
 * style of okhttp's recorder: {@code expect("welcome")}, then {@code expectNothing()}.
 */
public final class WsClient implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A close frame received from the server, or code 1006 when the connection just ended. */
  public record Closed(int code, String reason) {}

  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final AtomicBoolean paused = new AtomicBoolean();
  private volatile WebSocket socket;

  private WsClient() {}

  public static WsClient connect(URI uri, String origin) {
    return connect(uri, origin, HTTP);
  }

  /** Connects from {@code local}, such as 127.0.0.2, to stand for another client address. */
  public static WsClient connectFrom(InetAddress local, URI uri) {
    return connect(uri, null, HttpClient.newBuilder().localAddress(local).build());
  }

  /**
   * Through {@code http}: one that trusts a test certificate for {@code wss:}, or binds a local
   * address.
   */
  public static WsClient connect(URI uri, String origin, HttpClient http) {
    WsClient client = new WsClient();
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
    if (origin != null) {
      builder.header("Origin", origin);
    }
    client.socket =
        builder.buildAsync(uri, client.new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    return client;
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      if (!paused.get()) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new Closed(1006, String.valueOf(error)));
    }
  }

  public void sendRaw(String text) {
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  public void send(JsonNode message) {
    sendRaw(message.toString());
  }

  /** Sends {@code {"type": type, k1: v1, ...}}; values are strings or JSON nodes. */
  public void send(String type, Object... fields) {
    ObjectNode message = JSON.createObjectNode().put("type", type);
    for (int i = 0; i < fields.length; i += 2) {
      Object value = fields[i + 1];
      if (value instanceof JsonNode node) {
        message.set((String) fields[i], node);
      } else {
        message.put((String) fields[i], (String) value);
      }
    }
    send(message);
  }

  /**
   * Sends {@code type}-only messages up to {@code times} times without waiting for answers, and
   * stops once the connection is closed: a send that races the server's close fails, and so does
   * one on a connection reset. {@link #awaitClose} then tells which it was.
   */
  public void sendWhileOpen(String type, int times) {
    String message = JSON.createObjectNode().put("type", type).toString();
    for (int i = 0; i < times && !isClosed(); i++) {
      try {
        sendRaw(message);
      } catch (CompletionException e) {
        if (e.getCause() instanceof IOException) {
          return;
        }
        throw e;
      }
    }
  }

  /** Sends one message as several WebSocket frames. */
  public void sendFragments(String... parts) {
    for (int i = 0; i < parts.length; i++) {
      socket.sendText(parts[i], i == parts.length - 1).orTimeout(10, TimeUnit.SECONDS).join();
    }
  }

  public void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Sends a join with an access token; the answer is left to the caller. */
  public void joinWithToken(String room, String name, String token) {
    send("join", "room", room, "name", name, "token", token);
  }

  /** Joins and returns the welcome. */
  public JsonNode join(String room, String name) {
    send("join", "room", room, "name", name);
    return expect("welcome");
  }

  /** The next frame's text exactly as the server sent it. */
  public String nextRaw() {
    return nextRaw(WAIT);
  }

  private String nextRaw(Duration within) {
    try {
      String message = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        fail("no message within " + within + (closed.isDone() ? "; closed: " + closed.join() : ""));
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public JsonNode next() {
    return next(WAIT);
  }

  private JsonNode next(Duration within) {
    String text = nextRaw(within);
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("the server sent a frame that is not JSON: " + text, e);
    }
  }

  public JsonNode expect(String type) {
    return expect(type, WAIT);
  }

  /** The next message, which must come within {@code within} and be of that type. */
  public JsonNode expect(String type, Duration within) {
    JsonNode message = next(within);
    assertThat(message.path("type").asText()).as("type of %s", message).isEqualTo(type);
    return message;
  }

  public JsonNode expectError(String code) {
    JsonNode error = expect("error");
    assertThat(error.path("code").asText()).as("code of %s", error).isEqualTo(code);
    return error;
  }

  public void expectNothing(Duration within) {
    try {
      String message = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).as("unexpected message").isNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void expectNothing() {
    expectNothing(Duration.ofMillis(200));
  }

  /** The next message if one has arrived, else {@code null}; never waits. */
  public JsonNode poll() {
    String text = received.poll();
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("the server sent a frame that is not JSON: " + text, e);
    }
  }

  /** Forgets every message received so far. */
  public void drain() {
    received.clear();
  }

  public Closed awaitClose() {
    return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Stops reading from the socket, so the server's writes back up (a stuck client). */
  public void pauseReading() {
    paused.set(true);
  }

  /** Drops the TCP connection without a close handshake, as a lost network would. */
  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket
          .sendClose(WebSocket.NORMAL_CLOSURE, "bye")
          .orTimeout(5, TimeUnit.SECONDS)
          .exceptionally(e -> null)
          .join();
    }
    socket.abort();
  }
}
