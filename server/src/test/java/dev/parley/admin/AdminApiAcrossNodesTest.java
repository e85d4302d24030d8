package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.AcrossNodes;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AdminApiTest} on a three-node cluster sharing a real Redis: each client on another node,
 * every admin call on the first, so listing, kicking and closing must reach the whole cluster. The
 * tests here call other nodes too.
 */
@ExtendWith(AcrossNodes.class)
class AdminApiAcrossNodesTest extends AdminApiTest {
  private static final String KEY = "an-admin-key-that-is-at-least-32-characters";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeOwn() throws Exception {
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
  }

  /** Ada on node 1, Bob on node 2, both in {@code standup}. */
  private record Standup(TestServer server, WsClient ada, WsClient bob, String bobId) {}

  private Standup standup() throws InterruptedException {
    TestServer server = TestServer.start("admin-key=" + KEY);
    opened.add(server);
    WsClient ada = server.connect();
    opened.add(ada);
    ada.join("standup", "Ada");
    WsClient bob = server.connect();
    opened.add(bob);
    String bobId = bob.join("standup", "Bob").get("peerId").asText();
    ada.expect("peer-joined");
    return new Standup(server, ada, bob, bobId);
  }

  /** Calls the admin API of node {@code node} (0, 1 or 2). */
  private static HttpResponse<String> call(TestServer server, int node, String method, String path)
      throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.nodes().get(node).port() + path);
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + KEY)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return WsClient.JSON.readTree(response.body());
  }

  @Test
  void aThirdNodeKicksAPeerOfTheSecondAndTheFirstHearsOfIt() throws Exception {
    Standup standup = standup();

    HttpResponse<String> kicked =
        call(standup.server(), 2, "DELETE", "/api/admin/rooms/standup/peers/" + standup.bobId());

    assertThat(kicked.statusCode()).isEqualTo(200);
    assertThat(json(kicked).get("kicked").asText()).isEqualTo(standup.bobId());
    assertThat(standup.bob().expect("peer-left").get("reason").asText()).isEqualTo("kicked");
    assertThat(standup.bob().awaitClose().code()).isEqualTo(4001);
    JsonNode left = standup.ada().expect("peer-left");
    assertThat(left.get("peerId").asText()).isEqualTo(standup.bobId());
    assertThat(left.get("reason").asText()).isEqualTo("kicked");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                call(standup.server(), 1, "GET", "/api/admin/rooms/standup")
                    .body()
                    .contains("Ada"));
    assertThat(json(call(standup.server(), 1, "GET", "/api/admin/rooms/standup")).get("peers"))
        .hasSize(1);
  }

  @Test
  void noNodeFindsAPeerOrRoomThatNoNodeHas() throws Exception {
    Standup standup = standup();

    for (int node = 0; node < TestServer.NODES; node++) {
      HttpResponse<String> noPeer =
          call(standup.server(), node, "DELETE", "/api/admin/rooms/standup/peers/nobody");
      assertThat(noPeer.statusCode()).isEqualTo(404);
      assertThat(json(noPeer).get("error").asText())
          .isEqualTo("no peer 'nobody' in room 'standup'");
      assertThat(call(standup.server(), node, "DELETE", "/api/admin/rooms/retro").statusCode())
          .isEqualTo(404);
      assertThat(call(standup.server(), node, "GET", "/api/admin/rooms/retro").statusCode())
          .isEqualTo(404);
      JsonNode listing = json(call(standup.server(), node, "GET", "/api/admin/rooms"));
      assertThat(listing.get("truncated").asBoolean()).isFalse();
      // Ada on node 0, Bob on node 1: two nodes, each peer with its own.
      assertThat(listing.get("rooms").get(0).findValuesAsText("node"))
          .hasSize(2)
          .doesNotHaveDuplicates();
    }
    // Kicked from the wrong room, Bob stays.
    assertThat(
            call(standup.server(), 2, "DELETE", "/api/admin/rooms/retro/peers/" + standup.bobId())
                .statusCode())
        .isEqualTo(404);
    standup.bob().send("ping");
    standup.bob().expect("pong");
  }

  @Test
  void everyNodeSeesAPeerAwayWhileItMayResume() throws Exception {
    Standup standup = standup();

    standup.bob().abort();

    for (int node = 0; node < TestServer.NODES; node++) {
      int asked = node;
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  json(call(standup.server(), asked, "GET", "/api/admin/rooms/standup"))
                          .get("peers")
                          .findValues("connected")
                          .stream()
                          .filter(connected -> !connected.asBoolean())
                          .count()
                      == 1);
    }
  }

  @Test
  void withoutRedisTheAdminApiSaysSoAndChangesNothing() throws Exception {
    Standup standup = standup();
    AcrossNodes.redis().stop();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> call(standup.server(), 0, "GET", "/readyz").statusCode() == 503);
      for (String[] request :
          new String[][] {
            {"GET", "/api/admin/rooms"},
            {"GET", "/api/admin/rooms/standup"},
            {"DELETE", "/api/admin/rooms/standup"},
            {"DELETE", "/api/admin/rooms/standup/peers/" + standup.bobId()}
          }) {
        HttpResponse<String> refused = call(standup.server(), 0, request[0], request[1]);
        assertThat(refused.statusCode()).as(request[1]).isEqualTo(503);
        assertThat(json(refused).get("error").asText()).startsWith("Redis does not answer");
      }
      standup.ada().send("ping");
      standup.ada().expect("pong");
      standup.ada().expectNothing();
    } finally {
      AcrossNodes.redis().start();
    }
  }

  @Test
  void theRoomsIndexForgetsARoomOnceItsLastPeerLeaves() throws Exception {
    Standup standup = standup();

    standup.ada().send("leave");
    standup.bob().send("leave");

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(call(standup.server(), 2, "GET", "/api/admin/rooms")).get("rooms").isEmpty());
    RedisClient redis = RedisClient.create(AcrossNodes.redis().uri().toString());
    try (StatefulRedisConnection<String, String> connection = redis.connect()) {
      assertThat(connection.sync().zrange("parley:rooms", 0, -1)).isEmpty();
    } finally {
      redis.shutdown();
    }
  }
}
