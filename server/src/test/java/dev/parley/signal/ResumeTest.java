package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ResumeTest {
  private final List<AutoCloseable> closeLast = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeLast.reversed()) {
      c.close();
    }
  }

  private TestServer server(String... settings) throws InterruptedException {
    TestServer server = TestServer.start(settings);
    closeLast.add(server);
    return server;
  }

  private WsClient client(URI ws) {
    WsClient client = WsClient.connect(ws, null);
    closeLast.add(client);
    return client;
  }

  private static void signal(WsClient from, String to, int seq) {
    from.send("signal", "to", to, "data", WsClient.JSON.createObjectNode().put("seq", seq));
  }

  @Test
  void resumeInsideTheWindowDeliversWhatWasSentMeanwhileInOrder() throws Exception {
    TestServer server = server("resume-window=20s", "resume-buffer-messages=256");
    WsClient ada = client(server.ws());
    ada.join("r", "Ada");
    WsClient bob = client(server.ws());
    JsonNode welcome = bob.join("r", "Bob");
    String bobId = welcome.get("peerId").asText();
    ada.expect("peer-joined");

    bob.abort();
    server.awaitConnections(1);
    for (int i = 0; i < 100; i++) {
      signal(ada, bobId, i);
    }
    ada.send("ping");
    ada.expect("pong");

    WsClient bobAgain = client(server.ws());
    bobAgain.send("join", "room", "r", "resume", welcome.get("resume").asText());
    JsonNode resumed = bobAgain.expect("welcome");
    assertThat(resumed.get("resumed").asBoolean()).isTrue();
    assertThat(resumed.get("peerId").asText()).isEqualTo(bobId);
    assertThat(resumed.get("peers").get(0).get("name").asText()).isEqualTo("Ada");
    assertThat(resumed.get("resume").asText()).isNotEqualTo(welcome.get("resume").asText());
    for (int i = 0; i < 100; i++) {
      assertThat(bobAgain.expect("signal").get("data").get("seq").asInt()).isEqualTo(i);
    }
    bobAgain.expectNothing();
    ada.expectNothing();

    // The resumed session is a full member again.
    signal(ada, bobId, 100);
    assertThat(bobAgain.expect("signal").get("data").get("seq").asInt()).isEqualTo(100);
  }

  @Test
  void resumeAfterTheWindowFailsCleanlyAndTheOthersSawPeerLeft() throws Exception {
    TestServer server = server("resume-window=300ms", "resume-buffer-messages=256");
    WsClient ada = client(server.ws());
    ada.join("r", "Ada");
    WsClient bob = client(server.ws());
    JsonNode welcome = bob.join("r", "Bob");
    String bobId = welcome.get("peerId").asText();
    ada.expect("peer-joined");

    bob.abort();
    JsonNode left = ada.expect("peer-left");
    assertThat(left.get("peerId").asText()).isEqualTo(bobId);
    assertThat(left.get("reason").asText()).isEqualTo("timeout");

    WsClient bobAgain = client(server.ws());
    bobAgain.send("join", "room", "r", "name", "Bob", "resume", welcome.get("resume").asText());
    JsonNode fresh = bobAgain.expect("welcome");
    assertThat(fresh.get("resumed").asBoolean()).isFalse();
    assertThat(fresh.get("peerId").asText()).isNotEqualTo(bobId);
    assertThat(ada.expect("peer-joined").get("peer").get("peerId").asText())
        .isEqualTo(fresh.get("peerId").asText());
  }

  @Test
  void aPeerThatLeftCannotResume() throws Exception {
    TestServer server = server("resume-window=20s", "resume-buffer-messages=256");
    WsClient bob = client(server.ws());
    JsonNode welcome = bob.join("r", "Bob");
    bob.send("leave");
    bob.send("join", "room", "r", "resume", welcome.get("resume").asText());
    JsonNode again = bob.expect("welcome");
    assertThat(again.get("resumed").asBoolean()).isFalse();
    assertThat(again.get("peerId").asText()).isNotEqualTo(welcome.get("peerId").asText());
  }

  @Test
  void aForgedOrForeignTokenIsAFreshJoin() throws Exception {
    TestServer server = server("resume-window=20s", "resume-buffer-messages=256");
    WsClient bob = client(server.ws());
    JsonNode welcome = bob.join("r", "Bob");
    bob.abort();
    String token = welcome.get("resume").asText();
    String forged =
        token.substring(0, token.indexOf('.')) + ".AAAA" + token.substring(token.indexOf('.') + 5);
    for (String bad : List.of(forged, "garbage", "a.b.c", token + "x")) {
      WsClient other = client(server.ws());
      other.send("join", "room", "r", "resume", bad);
      JsonNode fresh = other.expect("welcome");
      assertThat(fresh.get("resumed").asBoolean()).as(bad).isFalse();
      assertThat(fresh.get("peerId").asText()).isNotEqualTo(welcome.get("peerId").asText());
    }
    // A valid token for another room does not move the peer either.
    WsClient elsewhere = client(server.ws());
    elsewhere.send("join", "room", "other", "resume", token);
    assertThat(elsewhere.expect("welcome").get("resumed").asBoolean()).isFalse();
  }

  @Test
  void overflowingTheBufferOfAnAwayPeerEndsItsSession() throws Exception {
    TestServer server = server("resume-window=20s", "resume-buffer-messages=5");
    WsClient ada = client(server.ws());
    ada.join("r", "Ada");
    WsClient bob = client(server.ws());
    JsonNode welcome = bob.join("r", "Bob");
    String bobId = welcome.get("peerId").asText();
    ada.expect("peer-joined");
    bob.abort();
    server.awaitConnections(1);

    for (int i = 0; i < 6; i++) {
      signal(ada, bobId, i);
    }
    JsonNode left = ada.expect("peer-left");
    assertThat(left.get("reason").asText()).isEqualTo("timeout");
    signal(ada, bobId, 6);
    ada.expectError("unknown-peer");

    WsClient bobAgain = client(server.ws());
    bobAgain.send("join", "room", "r", "resume", welcome.get("resume").asText());
    assertThat(bobAgain.expect("welcome").get("resumed").asBoolean()).isFalse();
  }

  @Test
  void aNewerConnectionTakesOverAPeerWhoseOldSocketLingers() throws Exception {
    TestServer server = server("resume-window=20s", "resume-buffer-messages=256");
    WsClient ada = client(server.ws());
    String adaId = ada.join("r", "Ada").get("peerId").asText();
    WsClient bob = client(server.ws());
    JsonNode welcome = bob.join("r", "Bob");
    ada.expect("peer-joined");

    WsClient bobAgain = client(server.ws());
    bobAgain.send("join", "room", "r", "resume", welcome.get("resume").asText());
    assertThat(bobAgain.expect("welcome").get("resumed").asBoolean()).isTrue();
    WsClient.Closed closed = bob.awaitClose();
    assertThat(closed.code()).isEqualTo(4002);
    assertThat(closed.reason()).isEqualTo("resumed on another connection");

    signal(bobAgain, adaId, 1);
    assertThat(ada.expect("signal").get("from").asText()).isEqualTo(welcome.get("peerId").asText());
    ada.expectNothing();
  }

  @Test
  void aResumeTokenSurvivesAServerRestart() throws Exception {
    TestServer first = TestServer.start();
    WsClient ada = WsClient.connect(first.ws(), null);
    JsonNode adaWelcome = ada.join("call", "Ada");
    WsClient bob = WsClient.connect(first.ws(), null);
    JsonNode bobWelcome = bob.join("call", "Bob");
    ada.expect("peer-joined");
    first.close();
    assertThat(ada.expect("goaway").get("reconnectInMs").asLong()).isZero();
    bob.expect("goaway");
    ada.close();
    bob.close();

    TestServer second = server();
    WsClient bobAgain = client(second.ws());
    bobAgain.send("join", "room", "call", "resume", bobWelcome.get("resume").asText());
    JsonNode bobResumed = bobAgain.expect("welcome");
    assertThat(bobResumed.get("resumed").asBoolean()).isTrue();
    assertThat(bobResumed.get("peerId").asText()).isEqualTo(bobWelcome.get("peerId").asText());

    WsClient adaAgain = client(second.ws());
    adaAgain.send("join", "room", "call", "resume", adaWelcome.get("resume").asText());
    JsonNode adaResumed = adaAgain.expect("welcome");
    assertThat(adaResumed.get("resumed").asBoolean()).isTrue();
    assertThat(adaResumed.get("peerId").asText()).isEqualTo(adaWelcome.get("peerId").asText());
    assertThat(adaResumed.get("peers").get(0).get("peerId").asText())
        .isEqualTo(bobWelcome.get("peerId").asText());
    assertThat(adaResumed.get("peers").get(0).get("name").asText()).isEqualTo("Bob");
    assertThat(bobAgain.expect("peer-joined").get("peer").get("peerId").asText())
        .isEqualTo(adaWelcome.get("peerId").asText());

    signal(adaAgain, bobWelcome.get("peerId").asText(), 7);
    assertThat(bobAgain.expect("signal").get("data").get("seq").asInt()).isEqualTo(7);
  }

  @Test
  void aServerWithAnotherSecretDoesNotHonourTheToken() throws Exception {
    TestServer first = server();
    WsClient bob = client(first.ws());
    JsonNode welcome = bob.join("call", "Bob");
    TestServer other = server("secret=another-secret-that-is-at-least-32-characters");
    WsClient bobElsewhere = client(other.ws());
    bobElsewhere.send("join", "room", "call", "resume", welcome.get("resume").asText());
    assertThat(bobElsewhere.expect("welcome").get("resumed").asBoolean()).isFalse();
  }
}
