package dev.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.auth.AccessTokens;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Request;
import dev.parley.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a backend hears of a call, over real sockets into a real HTTP receiver. Run across nodes too
 * ({@link RoomWebhooksAcrossNodesTest}), where each client is on another node and every event must
 * still arrive exactly once.
 */
@Timeout(60)
class RoomWebhooksTest {
  static final String SECRET = "webhook-secret-of-at-least-32-characters";
  private static final String SERVER_SECRET = "a-test-secret-that-is-at-least-32-characters-long";
  private static final AccessTokens TOKENS =
      new AccessTokens(SERVER_SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());

  final List<AutoCloseable> closeLast = new ArrayList<>();
  WebhookReceiver receiver;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeLast.reversed()) {
      c.close();
    }
  }

  TestServer server(String... settings) throws Exception {
    receiver = WebhookReceiver.accepting();
    closeLast.add(receiver);
    List<String> all =
        new ArrayList<>(
            List.of(
                "webhook-url=" + receiver.url(),
                "webhook-secret=" + SECRET,
                "webhook-retry-delay=50ms",
                "resume-window=500ms",
                "auth=token"));
    all.addAll(List.of(settings));
    TestServer server = TestServer.start(all.toArray(String[]::new));
    closeLast.add(server);
    return server;
  }

  WsClient join(TestServer server, String room, String identity, String name) {
    WsClient client = server.connect();
    closeLast.add(client);
    client.joinWithToken(
        room, null, TOKENS.mint(identity, name, room, Duration.ofHours(1), true, true));
    client.expect("welcome");
    return client;
  }

  /**
   * Waits for {@code n} events, then checks each is signed and unique, and gives them in time
   * order.
   */
  List<JsonNode> events(int n) {
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= n);
    List<JsonNode> events = new ArrayList<>();
    for (Request request : receiver.requests()) {
      assertThat(request.signature()).isEqualTo(WebhookReceiver.signature(SECRET, request.body()));
      events.add(request.json());
    }
    assertThat(events.stream().map(e -> e.get("id").asText()).distinct()).hasSize(events.size());
    // Nodes deliver on their own, so arrival order across nodes is not the order of events.
    events.sort(Comparator.comparing(e -> Instant.parse(e.get("time").asText())));
    return events;
  }

  /** {@code type}, and for peer events {@code :identity}, and for peer-left {@code :reason}. */
  static String summary(JsonNode event) {
    String type = event.get("type").asText();
    JsonNode peer = event.get("peer");
    if (peer == null) {
      return type;
    }
    String identity = peer.get("identity").isNull() ? "?" : peer.get("identity").asText();
    return type + ":" + identity + (event.has("reason") ? ":" + event.get("reason").asText() : "");
  }

  @Test
  void aCallIsReportedFromItsStartToItsEndEachEventOnce() throws Exception {
    TestServer server = server();
    WsClient ada = join(server, "standup", "user-ada", "Ada");
    WsClient bob = join(server, "standup", "user-bob", "Bob");
    ada.expect("peer-joined");
    bob.send("leave");
    ada.expect("peer-left");
    ada.abort(); // gone for good once its resume window passes

    List<JsonNode> events = events(6);
    assertThat(events)
        .extracting(RoomWebhooksTest::summary)
        .containsExactly(
            "room-started",
            "peer-joined:user-ada",
            "peer-joined:user-bob",
            "peer-left:user-bob:left",
            "peer-left:user-ada:timeout",
            "room-finished");
    assertThat(events).allSatisfy(e -> assertThat(e.get("room").asText()).isEqualTo("standup"));
    assertThat(events.get(1).get("peer").get("name").asText()).isEqualTo("Ada");
    assertThat(events.get(1).get("peer").get("peerId").asText()).isNotEmpty();
    receiverHearsNothingMore(6);
  }

  @Test
  void aResumedPeerIsNoNewcomerAndItsRoomGoesOn() throws Exception {
    TestServer server = server("resume-window=20s");
    WsClient ada = join(server, "retro", "user-ada", "Ada");
    WsClient bob = server.connect();
    closeLast.add(bob);
    bob.joinWithToken(
        "retro", null, TOKENS.mint("user-bob", "Bob", "retro", Duration.ofHours(1), true, true));
    JsonNode welcome = bob.expect("welcome");
    ada.expect("peer-joined");
    bob.abort();

    WsClient bobAgain = server.connect();
    closeLast.add(bobAgain);
    bobAgain.send(
        "join",
        "room",
        "retro",
        "resume",
        welcome.get("resume").asText(),
        "token",
        TOKENS.mint("user-bob", "Bob", "retro", Duration.ofHours(1), true, true));
    assertThat(bobAgain.expect("welcome").get("resumed").asBoolean()).isTrue();
    bobAgain.send("leave");
    ada.expect("peer-left");
    ada.send("leave");

    assertThat(events(6))
        .extracting(RoomWebhooksTest::summary)
        .containsExactly(
            "room-started",
            "peer-joined:user-ada",
            "peer-joined:user-bob",
            "peer-left:user-bob:left",
            "peer-left:user-ada:left",
            "room-finished");
    receiverHearsNothingMore(6);
  }

  @Test
  void twoRoomsAreTwoStoriesAndARoomOpenedAgainStartsAgain() throws Exception {
    TestServer server = server();
    WsClient ada = join(server, "one", "user-ada", "Ada");
    ada.send("leave");
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= 4);
    WsClient bob = join(server, "one", "user-bob", "Bob");
    WsClient cy = join(server, "two", "user-cy", "Cy");
    bob.send("leave");
    cy.send("leave");

    List<JsonNode> events = events(12);
    assertThat(
            events.stream()
                .filter(e -> e.get("room").asText().equals("one"))
                .map(RoomWebhooksTest::summary))
        .containsExactly(
            "room-started",
            "peer-joined:user-ada",
            "peer-left:user-ada:left",
            "room-finished",
            "room-started",
            "peer-joined:user-bob",
            "peer-left:user-bob:left",
            "room-finished");
    assertThat(
            events.stream()
                .filter(e -> e.get("room").asText().equals("two"))
                .map(RoomWebhooksTest::summary))
        .containsExactly(
            "room-started", "peer-joined:user-cy", "peer-left:user-cy:left", "room-finished");
    receiverHearsNothingMore(12);
  }

  /** A duplicate from a second node would come within moments of the first. */
  void receiverHearsNothingMore(int n) throws InterruptedException {
    Thread.sleep(500);
    assertThat(receiver.requests()).hasSize(n);
  }
}
