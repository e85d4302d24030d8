package dev.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.config.ConfigLoader;
import dev.parley.config.WebhookConfig;
import dev.parley.metrics.Metrics;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Request;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Webhooks delivered to a real HTTP receiver on loopback: bodies, signatures, retries, refusals, a
 * full queue.
 */
@Timeout(30)
class WebhooksTest {
  private static final String SECRET = "webhook-secret-of-at-least-32-characters";
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00.250Z");

  private final Metrics metrics = new Metrics();
  private WebhookReceiver receiver;
  private Webhooks webhooks;

  private String startReceiver(WebhookReceiver.Answer answer) throws IOException {
    receiver = WebhookReceiver.start(answer);
    return receiver.url();
  }

  private void startWebhooks(String url, String... settings) {
    Map<String, String> flags =
        new HashMap<>(
            Map.of(
                "webhook-url",
                url,
                "webhook-secret",
                SECRET,
                "webhook-retry-delay",
                "50ms",
                "webhook-timeout",
                "2s"));
    for (String setting : settings) {
      String[] kv = setting.split("=", 2);
      flags.put(kv[0], kv[1]);
    }
    WebhookConfig config = ConfigLoader.load(flags, Map.of()).webhook();
    webhooks = Webhooks.start(config, "node-a", Clock.fixed(NOW, ZoneOffset.UTC), metrics);
  }

  @AfterEach
  void stop() {
    if (webhooks != null) {
      webhooks.close(Duration.ZERO);
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private double counter(String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "_total ([0-9.E]+)$").matcher(metrics.scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  @Test
  void eventsArriveInOrderSignedWithTheSecret() throws Exception {
    startWebhooks(startReceiver((exchange, n) -> WebhookReceiver.ok(exchange)));

    webhooks.roomStarted("standup");
    webhooks.peerJoined("standup", "p1", "Ada", "user-42");
    webhooks.peerLeft("standup", "p1", "Ada", "user-42", "timeout");
    webhooks.roomFinished("standup");

    await().until(() -> receiver.requests().size() == 4);
    List<String> types = new ArrayList<>();
    for (Request request : receiver.requests()) {
      assertThat(request.path()).isEqualTo("/events");
      assertThat(request.signature()).isEqualTo(WebhookReceiver.signature(SECRET, request.body()));
      types.add(request.json().get("type").asText());
    }
    assertThat(types).containsExactly("room-started", "peer-joined", "peer-left", "room-finished");
    JsonNode left = receiver.requests().get(2).json();
    assertThat(left.get("room").asText()).isEqualTo("standup");
    assertThat(left.get("node").asText()).isEqualTo("node-a");
    assertThat(left.get("time").asText()).isEqualTo("2026-12-06T12:00:00.250Z");
    assertThat(left.get("reason").asText()).isEqualTo("timeout");
    assertThat(left.get("peer").get("peerId").asText()).isEqualTo("p1");
    assertThat(left.get("peer").get("name").asText()).isEqualTo("Ada");
    assertThat(left.get("peer").get("identity").asText()).isEqualTo("user-42");
    assertThat(receiver.requests().stream().map(r -> r.json().get("id").asText()).distinct())
        .hasSize(4);
    await().until(() -> counter("parley_webhook_sent") == 4);
    assertThat(counter("parley_webhook_failed")).isZero();
    assertThat(counter("parley_webhook_dropped")).isZero();
  }

  @Test
  void aPeerWithoutNameOrIdentityHasNullsThere() throws Exception {
    startWebhooks(startReceiver((exchange, n) -> WebhookReceiver.ok(exchange)));
    webhooks.peerJoined("r", "p2", null, null);
    await().until(() -> receiver.requests().size() == 1);
    JsonNode peer = receiver.requests().getFirst().json().get("peer");
    assertThat(peer.get("name").isNull()).isTrue();
    assertThat(peer.get("identity").isNull()).isTrue();
  }

  @Test
  void anEventAnswered500IsRetriedUntilTheReceiverTakesIt() throws Exception {
    startWebhooks(
        startReceiver(
            (exchange, n) -> {
              if (n == 0) {
                exchange.sendResponseHeaders(500, -1);
              } else {
                WebhookReceiver.ok(exchange);
              }
            }));
    webhooks.peerJoined("r", "p1", "Ada", null);
    webhooks.roomFinished("r");

    await().until(() -> counter("parley_webhook_sent") == 2);
    assertThat(receiver.requests()).hasSize(3);
    // The same event, byte for byte (same id, same signature), then the next one: order kept.
    assertThat(receiver.requests().get(1).body()).isEqualTo(receiver.requests().get(0).body());
    assertThat(receiver.requests().get(1).signature())
        .isEqualTo(receiver.requests().get(0).signature());
    assertThat(receiver.requests().get(2).json().get("type").asText()).isEqualTo("room-finished");
    assertThat(counter("parley_webhook_failed")).isEqualTo(1);
    assertThat(counter("parley_webhook_dropped")).isZero();
  }

  @Test
  void aStalledReceiverIsGivenUpOnAfterTheRetriesAndTheQueueNeverBlocks() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    startWebhooks(
        startReceiver(
            (exchange, n) -> {
              release.await(); // stalls: never answers in time
              WebhookReceiver.ok(exchange);
            }),
        "webhook-timeout=200ms",
        "webhook-retries=1",
        "webhook-queue=2");
    try {
      webhooks.peerJoined("r", "p1", "Ada", null);
      await()
          .until(
              () -> receiver.requests().size() == 1); // in flight: the worker waits for the answer
      for (int i = 2; i <= 5; i++) {
        webhooks.peerJoined("r", "p" + i, null, null); // p2, p3 wait; p4, p5 find the queue full
      }
      assertThat(counter("parley_webhook_dropped")).isEqualTo(2);

      // p1: two attempts, each timed out, then dropped; then p2 and p3 get the same.
      await().until(() -> counter("parley_webhook_dropped") == 5);
      assertThat(counter("parley_webhook_failed")).isEqualTo(6);
      assertThat(counter("parley_webhook_sent")).isZero();
    } finally {
      release.countDown();
    }
  }

  @Test
  void aRedirectIsNotFollowedAndARefusalNotRetried() throws Exception {
    String url =
        startReceiver(
            (exchange, n) -> {
              if (n == 0) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
                exchange.sendResponseHeaders(302, -1);
              } else {
                exchange.sendResponseHeaders(403, -1);
              }
            });
    startWebhooks(url);
    webhooks.peerJoined("r", "p1", "Ada", null);
    webhooks.peerJoined("r", "p2", "Bob", null);

    await().until(() -> counter("parley_webhook_dropped") == 2);
    assertThat(receiver.requests()).extracting(Request::path).containsExactly("/events", "/events");
    assertThat(counter("parley_webhook_failed")).isEqualTo(2);
  }

  @Test
  void aReceiverThatIsNotListeningCountsAsFailedAttempts() throws Exception {
    String url = startReceiver((exchange, n) -> WebhookReceiver.ok(exchange));
    receiver.close();
    startWebhooks(url, "webhook-retries=2");
    webhooks.roomStarted("r");
    await().until(() -> counter("parley_webhook_dropped") == 1);
    assertThat(counter("parley_webhook_failed")).isEqualTo(3);
  }

  @Test
  void offSendsNothingAndNeedsNoReceiver() {
    webhooks =
        Webhooks.start(
            ConfigLoader.load(Map.of(), Map.of()).webhook(), "node-a", Clock.systemUTC(), metrics);
    webhooks.roomStarted("r");
    assertThat(webhooks.enabled()).isFalse();
    assertThat(metrics.scrape()).doesNotContain("parley_webhook");
  }

  @Test
  void closingDeliversWhatIsQueuedFirst() throws Exception {
    startWebhooks(startReceiver((exchange, n) -> WebhookReceiver.ok(exchange)));
    for (int i = 0; i < 20; i++) {
      webhooks.peerJoined("r", "p" + i, null, null);
    }
    webhooks.close(Duration.ofSeconds(10));
    assertThat(receiver.requests()).hasSize(20);
    assertThat(counter("parley_webhook_sent")).isEqualTo(20);
    webhooks.peerJoined("r", "late", null, null); // after close: counted, not sent
    assertThat(counter("parley_webhook_dropped")).isEqualTo(1);
  }

  @Test
  void logsNameTheReceiverWithoutItsQueryOrUserInfo() {
    assertThat(
            WebhookSender.logSafe(
                java.net.URI.create("https://user:pw@backend.example:8443/hook?key=hunter2")))
        .isEqualTo("https://backend.example:8443/hook");
  }
}
