package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.ParleyServer;
import dev.parley.testing.AcrossNodes;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only a cluster does: nodes dying, draining and Redis going away, with a real {@code
 * redis-server} and three nodes. Clients go to the nodes in turn: the first to node 0, the second
 * to node 1, and so on.
 */
@ExtendWith(AcrossNodes.class)
@Timeout(120)
class ClusterTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final List<AutoCloseable> closeLast = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeLast.reversed()) {
      c.close();
    }
  }

  private TestServer cluster(String resumeWindow) throws InterruptedException {
    TestServer cluster = TestServer.start("resume-window=" + resumeWindow);
    closeLast.add(cluster);
    return cluster;
  }

  private WsClient client(URI ws) {
    WsClient client = WsClient.connect(ws, null);
    closeLast.add(client);
    return client;
  }

  private static URI ws(ParleyServer node) {
    return URI.create("ws://127.0.0.1:" + node.port() + "/ws");
  }

  private static void signal(WsClient from, String to, int seq) {
    from.send("signal", "to", to, "data", WsClient.JSON.createObjectNode().put("seq", seq));
  }

  private static int seqOf(JsonNode signal) {
    return signal.get("data").get("seq").asInt();
  }

  @Test
  void peersOfAKilledNodeResumeOnAnotherAndNoOneSeesThemLeave() throws Exception {
    TestServer cluster = cluster("20s");
    List<ParleyServer> nodes = cluster.nodes();
    WsClient ada = client(ws(nodes.get(0)));
    String adaId = ada.join("call", "Ada").get("peerId").asText();
    WsClient bob = client(ws(nodes.get(1)));
    JsonNode bobWelcome = bob.join("call", "Bob");
    String bobId = bobWelcome.get("peerId").asText();
    WsClient carol = client(ws(nodes.get(2)));
    carol.join("call", "Carol");
    ada.expect("peer-joined");
    ada.expect("peer-joined");
    bob.expect("peer-joined");

    nodes.get(1).kill();
    bob.awaitClose();
    WsClient bobAgain = client(ws(nodes.get(2)));
    bobAgain.send("join", "room", "call", "resume", bobWelcome.get("resume").asText());
    JsonNode resumed = bobAgain.expect("welcome");
    assertThat(resumed.get("resumed").asBoolean()).isTrue();
    assertThat(resumed.get("peerId").asText()).isEqualTo(bobId);
    assertThat(resumed.get("peers")).hasSize(2);

    // Bob's signal first: it reaches Ada's node on the same Redis connection as, and after, the
    // news that Bob moved, so her node knows where to send her answer. (A signal sent to Bob in
    // the instant before that news arrives goes to his dead node: see deployment.md.)
    signal(bobAgain, adaId, 1);
    JsonNode toAda = ada.expect("signal");
    assertThat(toAda.get("from").asText()).isEqualTo(bobId);
    assertThat(seqOf(toAda)).isEqualTo(1);
    signal(ada, bobId, 2);
    assertThat(seqOf(bobAgain.expect("signal"))).isEqualTo(2);
    ada.expectNothing(Duration.ofSeconds(1));
    carol.expectNothing();
    bobAgain.expectNothing();
  }

  @Test
  void signalsKeptOnASurvivingNodeFollowTheirPeerToAnotherNodeInOrder() throws Exception {
    TestServer cluster = cluster("20s");
    List<ParleyServer> nodes = cluster.nodes();
    WsClient ada = client(ws(nodes.get(0)));
    ada.join("call", "Ada");
    WsClient bob = client(ws(nodes.get(1)));
    JsonNode bobWelcome = bob.join("call", "Bob");
    String bobId = bobWelcome.get("peerId").asText();
    ada.expect("peer-joined");

    bob.abort();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> nodes.get(1).openConnections() == 0);
    for (int i = 0; i < 5; i++) {
      signal(ada, bobId, i);
    }
    // Ada's node routes to Bob's node, which keeps them while Bob is away.
    WsClient bobAgain = client(ws(nodes.get(2)));
    bobAgain.send("join", "room", "call", "resume", bobWelcome.get("resume").asText());
    assertThat(bobAgain.expect("welcome").get("resumed").asBoolean()).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(seqOf(bobAgain.expect("signal"))).isEqualTo(i);
    }
    signal(ada, bobId, 5);
    assertThat(seqOf(bobAgain.expect("signal"))).isEqualTo(5);
    ada.expectNothing();
    bobAgain.expectNothing();
  }

  @Test
  void peersOfAKilledNodeThatDoNotComeBackLeaveWithTimeout() throws Exception {
    TestServer cluster = cluster("500ms");
    List<ParleyServer> nodes = cluster.nodes();
    WsClient ada = client(ws(nodes.get(0)));
    ada.join("call", "Ada");
    WsClient bob = client(ws(nodes.get(1)));
    String bobId = bob.join("call", "Bob").get("peerId").asText();
    ada.expect("peer-joined");

    nodes.get(1).kill();
    // No one refreshes Bob's entry now: it expires, and a surviving node sweeps him out.
    JsonNode left = ada.expect("peer-left", Duration.ofSeconds(30));
    assertThat(left.get("peerId").asText()).isEqualTo(bobId);
    assertThat(left.get("reason").asText()).isEqualTo("timeout");

    WsClient bobAgain = client(ws(nodes.get(2)));
    bobAgain.send("join", "room", "call", "name", "Bob");
    assertThat(bobAgain.expect("welcome").get("peers")).hasSize(1);
    ada.expect("peer-joined");
  }

  @Test
  void aDrainingNodeSendsGoawayAndItsPeersMoveWithoutLeaving() throws Exception {
    TestServer cluster = cluster("20s");
    List<ParleyServer> nodes = cluster.nodes();
    WsClient ada = client(ws(nodes.get(0)));
    String adaId = ada.join("call", "Ada").get("peerId").asText();
    WsClient bob = client(ws(nodes.get(1)));
    JsonNode bobWelcome = bob.join("call", "Bob");
    ada.expect("peer-joined");

    Thread drain = Thread.ofVirtual().start(nodes.get(1)::shutdown);
    assertThat(bob.expect("goaway").get("reconnectInMs").asLong()).isZero();
    bob.close();
    WsClient bobAgain = client(ws(nodes.get(0)));
    bobAgain.send("join", "room", "call", "resume", bobWelcome.get("resume").asText());
    assertThat(bobAgain.expect("welcome").get("resumed").asBoolean()).isTrue();
    drain.join();
    signal(bobAgain, adaId, 1);
    assertThat(seqOf(ada.expect("signal"))).isEqualTo(1);
    ada.expectNothing();
  }

  @Test
  void aPeerThatLeavesBeforeRedisAnsweredItsJoinLeavesNoGhost() throws Exception {
    TestServer cluster = cluster("20s");
    List<ParleyServer> nodes = cluster.nodes();
    WsClient ada = client(ws(nodes.get(0)));
    ada.join("call", "Ada");
    WsClient bob = client(ws(nodes.get(1)));
    for (int i = 0; i < 20; i++) {
      // Back to back: most leaves reach Bob's node before Redis has answered the join.
      bob.send("join", "room", "call", "name", "Bob");
      bob.send("leave");
    }
    bob.send("ping");
    while (!bob.next().get("type").asText().equals("pong")) {
      // welcomes and not-joined errors, depending on what Redis answered first
    }
    // Every Bob Ada was told of, she is told has left, and Bob's node holds no one.
    Map<String, Integer> present = new HashMap<>();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (JsonNode message = ada.poll(); message != null; message = ada.poll()) {
                String type = message.get("type").asText();
                if (type.equals("peer-joined")) {
                  present.merge(message.get("peer").get("peerId").asText(), 1, Integer::sum);
                } else if (type.equals("peer-left")) {
                  present.merge(message.get("peerId").asText(), -1, Integer::sum);
                }
              }
              assertThat(present.values()).allMatch(n -> n == 0);
              assertThat(nodes.get(1).metrics().scrape()).contains("parley_peers 0.0");
            });
    WsClient carol = client(ws(nodes.get(2)));
    assertThat(carol.join("call", "Carol").get("peers")).hasSize(1);
  }

  @Test
  void redisGoingAwayKeepsLocalTrafficAndTheClusterHealsWhenItReturns() throws Exception {
    TestServer cluster = cluster("20s");
    List<ParleyServer> nodes = cluster.nodes();
    WsClient ada = client(ws(nodes.get(0)));
    String adaId = ada.join("call", "Ada").get("peerId").asText();
    WsClient bob = client(ws(nodes.get(1)));
    String bobId = bob.join("call", "Bob").get("peerId").asText();
    ada.expect("peer-joined");
    WsClient dan = client(ws(nodes.get(0)));
    String danId = dan.join("call", "Dan").get("peerId").asText();
    ada.expect("peer-joined");
    bob.expect("peer-joined");
    URI ready = URI.create("http://127.0.0.1:" + nodes.get(0).port() + "/readyz");
    assertThat(status(ready)).isEqualTo(200);

    RedisServer redis = AcrossNodes.redis();
    redis.stop();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(ready) == 503);
    // Peers on the same node still reach each other.
    signal(ada, danId, 1);
    assertThat(seqOf(dan.expect("signal"))).isEqualTo(1);

    redis.start(); // empty, as a Redis without persistence comes back
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(ready) == 200);
    // Once every node has put its peers back, signals cross nodes again.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              signal(ada, bobId, 2);
              assertThat(seqOf(bob.expect("signal", Duration.ofSeconds(2)))).isEqualTo(2);
            });
    bob.drain();
    signal(bob, adaId, 3);
    assertThat(seqOf(ada.expect("signal"))).isEqualTo(3);
    // No one was told anyone left: the outage was invisible to the room.
    ada.expectNothing(Duration.ofSeconds(3));
    dan.expectNothing();
    assertThat(nodes.get(0).metrics().scrape()).contains("parley_cluster_redis_up 1.0");
  }

  private static int status(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
