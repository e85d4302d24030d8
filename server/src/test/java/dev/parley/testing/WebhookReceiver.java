package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A real HTTP server on loopback that records every webhook request and answers as told. */
public final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as it arrived. */
  public record Request(String path, String signature, byte[] body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String type() {
      return json().get("type").asText();
    }
  }

  /** How the receiver answers its n-th request (0-based), after recording it. */
  public interface Answer {
    void answer(HttpExchange exchange, int n) throws Exception;
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  private WebhookReceiver(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    AtomicInteger count = new AtomicInteger();
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            requests.add(
                new Request(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Parley-Signature"),
                    exchange.getRequestBody().readAllBytes()));
            answer.answer(exchange, count.getAndIncrement());
          } catch (Exception e) {
            throw new IOException(e);
          }
        });
    // One thread per request, so a stalled answer does not stop the next one from being read.
    server.setExecutor(threads);
    server.start();
  }

  public static WebhookReceiver start(Answer answer) throws IOException {
    return new WebhookReceiver(answer);
  }

  /** A receiver that takes every event (204). */
  public static WebhookReceiver accepting() throws IOException {
    return start((exchange, n) -> ok(exchange));
  }

  public static void ok(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(204, -1);
  }

  /** The URL to give as {@code webhook-url}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
  }

  /** What arrived so far, in order. */
  public List<Request> requests() {
    return requests;
  }

  /** The signature header Parley must send for {@code body}. */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Stops listening: later deliveries find nobody there. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
