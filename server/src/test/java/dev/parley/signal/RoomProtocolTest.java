package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every v1 message type and every error code, over real WebSockets. */
@Timeout(30)
class RoomProtocolTest {
  private TestServer server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws InterruptedException {
    server = TestServer.start("max-peers-per-room=3");
  }

  @AfterEach
  void stop() {
    clients.forEach(WsClient::close);
    server.close();
  }

  private WsClient client() {
    WsClient client = server.connect();
    clients.add(client);
    return client;
  }

  @Test
  void joinAnnouncesPeersBothWays() {
    WsClient ada = client();
    JsonNode adaWelcome = ada.join("standup", "Ada");
    assertThat(adaWelcome.get("room").asText()).isEqualTo("standup");
    assertThat(adaWelcome.get("peers")).isEmpty();
    assertThat(adaWelcome.get("iceServers")).isEmpty();
    assertThat(adaWelcome.get("resumed").asBoolean()).isFalse();
    assertThat(adaWelcome.get("resume").asText()).isNotBlank();
    String adaId = adaWelcome.get("peerId").asText();
    assertThat(adaId).matches("[A-Za-z0-9_-]{22}");

    WsClient bob = client();
    JsonNode bobWelcome = bob.join("standup", "Bob");
    String bobId = bobWelcome.get("peerId").asText();
    assertThat(bobId).isNotEqualTo(adaId);
    assertThat(bobWelcome.get("peers")).hasSize(1);
    assertThat(bobWelcome.get("peers").get(0).get("peerId").asText()).isEqualTo(adaId);
    assertThat(bobWelcome.get("peers").get(0).get("name").asText()).isEqualTo("Ada");

    JsonNode joined = ada.expect("peer-joined");
    assertThat(joined.get("peer").get("peerId").asText()).isEqualTo(bobId);
    assertThat(joined.get("peer").get("name").asText()).isEqualTo("Bob");
    ada.expectNothing();
    bob.expectNothing();
  }

  @Test
  void signalIsRelayedVerbatimToItsTargetOnly() {
    WsClient ada = client();
    String adaId = ada.join("r", "Ada").get("peerId").asText();
    WsClient bob = client();
    String bobId = bob.join("r", "Bob").get("peerId").asText();
    WsClient carol = client();
    carol.join("r", "Carol");
    ada.expect("peer-joined");
    ada.expect("peer-joined");
    bob.expect("peer-joined");

    // Numbers keep their exact spelling: the server relays bytes, not a re-encoded tree.
    ada.sendRaw(
        "{\"type\":\"signal\",\"to\":\""
            + bobId
            + "\",\"data\": {\"n\":1.50, \"big\":12345678901234567890}}");
    assertThat(bob.nextRaw())
        .isEqualTo(
            "{\"type\":\"signal\",\"from\":\""
                + adaId
                + "\",\"data\":{\"n\":1.50, \"big\":12345678901234567890}}");
    carol.expectNothing();
    ada.expectNothing();
  }

  @Test
  void leaveTellsTheOthersAndAllowsAnotherJoin() {
    WsClient ada = client();
    ada.join("r", "Ada");
    WsClient bob = client();
    String bobId = bob.join("r", "Bob").get("peerId").asText();
    ada.expect("peer-joined");

    bob.send("leave");
    JsonNode left = ada.expect("peer-left");
    assertThat(left.get("peerId").asText()).isEqualTo(bobId);
    assertThat(left.get("reason").asText()).isEqualTo("left");

    JsonNode again = bob.join("other", "Bob");
    assertThat(again.get("room").asText()).isEqualTo("other");
    assertThat(again.get("peerId").asText()).isNotEqualTo(bobId);
  }

  @Test
  void closingTheSocketCleanlyKeepsThePeerForResume() {
    WsClient ada = client();
    ada.join("r", "Ada");
    WsClient bob = client();
    bob.join("r", "Bob");
    ada.expect("peer-joined");
    bob.close();
    ada.expectNothing();
  }

  @Test
  void pingIsAnsweredWithPong() {
    WsClient ada = client();
    ada.send("ping");
    ada.expect("pong");
    ada.join("r", null);
    ada.send("ping");
    ada.expect("pong");
  }

  @Test
  void errorCodes() {
    WsClient ada = client();
    ada.send("signal", "to", "nobody", "data", WsClient.JSON.createObjectNode());
    assertThat(ada.expectError("not-joined").get("message").asText())
        .isEqualTo("join a room before sending signals");
    ada.send("leave");
    ada.expectError("not-joined");

    ada.join("r", "Ada");
    ada.send("join", "room", "r");
    assertThat(ada.expectError("already-joined").get("message").asText())
        .isEqualTo("already in room 'r'; leave it first");

    ada.send("signal", "to", "nobody", "data", WsClient.JSON.createObjectNode());
    assertThat(ada.expectError("unknown-peer").get("message").asText())
        .isEqualTo("no peer 'nobody' in room 'r'");

    ada.sendRaw("{nope");
    ada.expectError("bad-json");
    ada.sendRaw("{\"type\":\"join\"}");
    ada.expectError("bad-message");
    ada.sendRaw("dance");
    ada.expectError("bad-json");
    ada.sendRaw("{\"type\":\"dance\"}");
    assertThat(ada.expectError("unknown-type").get("message").asText())
        .isEqualTo("unknown message type 'dance'");
    ada.sendBinary(new byte[] {1, 2, 3});
    ada.expectError("bad-message");

    // None of it disturbed the session.
    ada.send("ping");
    ada.expect("pong");
  }

  @Test
  void invalidUtf8IsAnErrorAndNotAClose() throws Exception {
    try (RawWebSocket raw = new RawWebSocket(server.port())) {
      raw.send(0x1, new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'});
      RawWebSocket.Frame error = raw.read();
      assertThat(error.opcode()).isEqualTo(0x1);
      assertThat(WsClient.JSON.readTree(error.text()).get("code").asText()).isEqualTo("bad-json");
      assertThat(WsClient.JSON.readTree(error.text()).get("message").asText())
          .isEqualTo("a frame must be valid UTF-8 text");
      raw.send(0x1, "{\"type\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(raw.read().text()).isEqualTo("{\"type\":\"pong\"}");
    }
  }

  @Test
  void signallingYourselfIsRefused() {
    WsClient ada = client();
    String adaId = ada.join("r", "Ada").get("peerId").asText();
    ada.send("signal", "to", adaId, "data", WsClient.JSON.createObjectNode());
    ada.expectError("unknown-peer");
  }

  @Test
  void roomFullIsRefusedAndTheOthersSeeNothing() {
    WsClient a = client();
    a.join("small", "a");
    WsClient b = client();
    b.join("small", "b");
    WsClient c = client();
    c.join("small", "c");
    a.expect("peer-joined");
    a.expect("peer-joined");
    b.expect("peer-joined");

    WsClient d = client();
    d.send("join", "room", "small");
    assertThat(d.expectError("room-full").get("message").asText())
        .isEqualTo("room 'small' is full (3 peers)");
    a.expectNothing();
    // The refused client is not in a room and may join another.
    d.send("signal", "to", "x", "data", WsClient.JSON.createObjectNode());
    d.expectError("not-joined");
    assertThat(d.join("elsewhere", "d").get("room").asText()).isEqualTo("elsewhere");
  }
}
