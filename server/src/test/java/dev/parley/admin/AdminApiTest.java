package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.AccessTokens;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The admin API over real HTTP, against rooms of real WebSocket clients. */
@Timeout(60)
class AdminApiTest {
  private static final String KEY = "an-admin-key-that-is-at-least-32-characters";
  private static final String SECRET = "a-test-secret-that-is-at-least-32-characters-long";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

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

  private static HttpResponse<String> call(
      TestServer server, String method, String path, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.http(path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return WsClient.JSON.readTree(response.body());
  }

  @Test
  void refusedWithoutTheKey() throws Exception {
    TestServer server = server("admin-key=" + KEY);
    client(server).join("standup", "Ada");

    for (String key : new String[] {null, "wrong", KEY + "x"}) {
      HttpResponse<String> response = call(server, "GET", "/api/admin/rooms", key);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("www-authenticate"))
          .hasValue("Bearer realm=\"parley-admin\"");
      assertThat(json(response).get("error").asText())
          .isEqualTo("missing or wrong admin key: send Authorization: Bearer <admin-key>");
    }
    HttpResponse<String> kick = call(server, "DELETE", "/api/admin/rooms/standup", "wrong");
    assertThat(kick.statusCode()).isEqualTo(401);
    assertThat(json(call(server, "GET", "/api/admin/rooms", KEY)).get("rooms").get(0).get("peers"))
        .hasSize(1);
  }

  @Test
  void offWithoutAConfiguredKey() throws Exception {
    TestServer server = server();
    HttpResponse<String> response = call(server, "GET", "/api/admin/rooms", KEY);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("error").asText())
        .isEqualTo("the admin API is off: set admin-key to use it");
  }

  @Test
  void listsRoomsAndPeersWithTheirIdentities() throws Exception {
    TestServer server = server("admin-key=" + KEY, "auth=token");
    AccessTokens tokens =
        new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    WsClient ada = client(server);
    ada.joinWithToken(
        "standup", null, tokens.mint("user-1", "Ada", "standup", Duration.ofHours(1), true, true));
    String adaId = ada.expect("welcome").get("peerId").asText();
    WsClient bob = client(server);
    bob.joinWithToken(
        "retro", "Bob", tokens.mint("user-2", null, "*", Duration.ofHours(1), true, true));
    String bobId = bob.expect("welcome").get("peerId").asText();

    JsonNode rooms = json(call(server, "GET", "/api/admin/rooms", KEY)).get("rooms");
    // A cluster adds each peer's node (checked in AdminApiAcrossNodesTest), a single node none.
    assertThat(rooms.findValues("node")).hasSize(server.nodes().size() == 1 ? 0 : 2);
    rooms.findParents("peerId").forEach(peer -> ((ObjectNode) peer).remove("node"));
    assertThat(rooms.toString())
        .isEqualTo(
            "[{\"room\":\"retro\",\"peers\":[{\"peerId\":\""
                + bobId
                + "\",\"name\":\"Bob\",\"identity\":\"user-2\",\"connected\":true}]},{\"room\":\"standup\",\"peers\":"
                + "[{\"peerId\":\""
                + adaId
                + "\",\"name\":\"Ada\",\"identity\":\"user-1\",\"connected\":true}]}]");

    JsonNode page = json(call(server, "GET", "/api/admin/rooms?after=retro", KEY));
    assertThat(page.get("rooms").findValuesAsText("room")).containsExactly("standup");
    assertThat(page.get("truncated").asBoolean()).isFalse();

    HttpResponse<String> one = call(server, "GET", "/api/admin/rooms/standup", KEY);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(json(one).get("peers").get(0).get("peerId").asText()).isEqualTo(adaId);
    HttpResponse<String> none = call(server, "GET", "/api/admin/rooms/nowhere", KEY);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(json(none).get("error").asText()).isEqualTo("no room 'nowhere' with peers in it");
  }

  @Test
  void kickingAPeerTellsEveryoneAndClosesItsConnection() throws Exception {
    TestServer server = server("admin-key=" + KEY);
    WsClient ada = client(server);
    ada.join("standup", "Ada");
    WsClient bob = client(server);
    String bobId = bob.join("standup", "Bob").get("peerId").asText();
    ada.expect("peer-joined");

    HttpResponse<String> kicked =
        call(server, "DELETE", "/api/admin/rooms/standup/peers/" + bobId, KEY);
    assertThat(kicked.statusCode()).isEqualTo(200);
    assertThat(json(kicked).get("kicked").asText()).isEqualTo(bobId);

    JsonNode left = ada.expect("peer-left");
    assertThat(left.get("peerId").asText()).isEqualTo(bobId);
    assertThat(left.get("reason").asText()).isEqualTo("kicked");
    JsonNode told = bob.expect("peer-left");
    assertThat(told.get("peerId").asText()).isEqualTo(bobId);
    assertThat(told.get("reason").asText()).isEqualTo("kicked");
    WsClient.Closed closed = bob.awaitClose();
    assertThat(closed.code()).isEqualTo(4001);
    assertThat(closed.reason()).isEqualTo("removed from the room by an administrator");

    // Ada carries on alone; kicking Bob again finds nobody.
    ada.send("ping");
    ada.expect("pong");
    ada.expectNothing();
    HttpResponse<String> again =
        call(server, "DELETE", "/api/admin/rooms/standup/peers/" + bobId, KEY);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(json(again).get("error").asText())
        .isEqualTo("no peer '" + bobId + "' in room 'standup'");
  }

  @Test
  void closingARoomKicksEveryoneInItAndNoOneElse() throws Exception {
    TestServer server = server("admin-key=" + KEY);
    WsClient ada = client(server);
    ada.join("standup", "Ada");
    WsClient bob = client(server);
    bob.join("standup", "Bob");
    ada.expect("peer-joined");
    WsClient carol = client(server);
    carol.join("retro", "Carol");

    HttpResponse<String> closed = call(server, "DELETE", "/api/admin/rooms/standup", KEY);
    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(json(closed).toString()).isEqualTo("{\"closed\":\"standup\",\"kicked\":2}");
    assertThat(ada.awaitClose().code()).isEqualTo(4001);
    assertThat(bob.awaitClose().code()).isEqualTo(4001);

    carol.send("ping");
    carol.expect("pong");
    carol.expectNothing();
    JsonNode rooms = json(call(server, "GET", "/api/admin/rooms", KEY)).get("rooms");
    assertThat(rooms.findValuesAsText("room")).containsExactly("retro");
  }

  @Test
  void wrongMethodsAndPaths() throws Exception {
    TestServer server = server("admin-key=" + KEY);
    assertThat(call(server, "POST", "/api/admin/rooms", KEY).statusCode()).isEqualTo(405);
    assertThat(call(server, "GET", "/api/admin/rooms/a/peers/b", KEY).statusCode()).isEqualTo(405);
    assertThat(call(server, "GET", "/api/admin/users", KEY).statusCode()).isEqualTo(404);
    assertThat(call(server, "GET", "/api/admin/rooms/a/people/b", KEY).statusCode()).isEqualTo(404);
    assertThat(call(server, "DELETE", "/api/admin/rooms/nowhere", KEY).statusCode()).isEqualTo(404);
  }
}
