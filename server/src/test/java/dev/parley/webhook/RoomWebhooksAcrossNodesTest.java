package dev.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyServer;
import dev.parley.testing.AcrossNodes;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same calls with every client on another node of a cluster: Redis decides which node reports a
 * room starting and finishing, so each event still arrives exactly once.
 */
@ExtendWith(AcrossNodes.class)
class RoomWebhooksAcrossNodesTest extends RoomWebhooksTest {

  /** Bob's node dies: the node that sweeps him out of the room reports him gone, once. */
  @Test
  void aPeerOfAKilledNodeIsReportedGoneByTheNodeThatSweptItOut() throws Exception {
    TestServer cluster = server("resume-window=1s");
    WsClient ada = join(cluster, "call", "user-ada", "Ada"); // node 0
    join(cluster, "call", "user-bob", "Bob"); // node 1
    ada.expect("peer-joined");
    ParleyServer bobsNode = cluster.nodes().get(1);
    bobsNode.kill();

    // Ada's node refreshes her at its heartbeat, and that sweeps out Bob once his entry expired.
    assertThat(ada.expect("peer-left", java.time.Duration.ofSeconds(15)).get("reason").asText())
        .isEqualTo("timeout");
    ada.send("leave");
    assertThat(events(6))
        .extracting(RoomWebhooksTest::summary)
        .containsExactly(
            "room-started",
            "peer-joined:user-ada",
            "peer-joined:user-bob",
            // Only Bob's node knew which identity he had.
            "peer-left:?:timeout",
            "peer-left:user-ada:left",
            "room-finished");
    assertThat(events(6).get(3).get("peer").get("name").asText()).isEqualTo("Bob");
    receiverHearsNothingMore(6);
  }

  /** Bob, on node 1, is kicked through node 0's admin API: reported once, as kicked. */
  @Test
  void aPeerKickedThroughAnotherNodesAdminApiIsReportedOnceAsKicked() throws Exception {
    String key = "an-admin-key-that-is-at-least-32-characters";
    TestServer cluster = server("admin-key=" + key);
    WsClient ada = join(cluster, "call", "user-ada", "Ada"); // node 0
    WsClient bob = join(cluster, "call", "user-bob", "Bob"); // node 1
    String bobId = ada.expect("peer-joined").get("peer").get("peerId").asText();

    HttpResponse<String> kicked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(cluster.http("/api/admin/rooms/call/peers/" + bobId))
                    .header("Authorization", "Bearer " + key)
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(kicked.statusCode()).isEqualTo(200);
    assertThat(bob.awaitClose().code()).isEqualTo(4001);
    assertThat(ada.expect("peer-left").get("reason").asText()).isEqualTo("kicked");
    ada.send("leave");

    assertThat(events(6))
        .extracting(RoomWebhooksTest::summary)
        .containsExactly(
            "room-started",
            "peer-joined:user-ada",
            "peer-joined:user-bob",
            // Bob's own node kicked him, so it knew his identity.
            "peer-left:user-bob:kicked",
            "peer-left:user-ada:left",
            "room-finished");
    receiverHearsNothingMore(6);
  }
}
