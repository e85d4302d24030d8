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

/**
 * A resume token takes a session back once: only the newest token a peer was given works, and a
 * used or superseded one, sent again, gets a fresh session (a new peer id, {@code resumed: false})
 * without disturbing the session it once named.
 */
@Timeout(60)
class SingleUseResumeTest {
  private final List<AutoCloseable> closeLast = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeLast.reversed()) {
      c.close();
    }
  }

  private TestServer server() throws InterruptedException {
    TestServer server = TestServer.start();
    closeLast.add(server);
    return server;
  }

  private WsClient client(URI ws) {
    WsClient client = WsClient.connect(ws, null);
    closeLast.add(client);
    return client;
  }

  private WsClient resume(URI ws, String token) {
    WsClient client = client(ws);
    client.send("join", "room", "r", "resume", token);
    return client;
  }

  @Test
  void aUsedTokenSentAgainGetsAFreshSessionAndTheResumedOneGoesOn() throws Exception {
    TestServer server = server();
    WsClient ada = client(server.ws());
    String adaId = ada.join("r", "Ada").get("peerId").asText();
    WsClient bob = client(server.ws());
    JsonNode first = bob.join("r", "Bob");
    String bobId = first.get("peerId").asText();
    ada.expect("peer-joined");

    bob.abort();
    WsClient bobBack = resume(server.ws(), first.get("resume").asText());
    assertThat(bobBack.expect("welcome").get("resumed").asBoolean()).isTrue();

    WsClient thief = resume(server.ws(), first.get("resume").asText());
    JsonNode replayed = thief.expect("welcome");
    assertThat(replayed.get("resumed").asBoolean()).as("a used token resumes nothing").isFalse();
    assertThat(replayed.get("peerId").asText()).isNotEqualTo(bobId);
    assertThat(ada.expect("peer-joined").get("peer").get("peerId").asText())
        .isEqualTo(replayed.get("peerId").asText());

    // Bob's session was not taken over: it is still his, on his connection.
    assertThat(bobBack.expect("peer-joined").get("peer").get("peerId").asText())
        .isEqualTo(replayed.get("peerId").asText());
    ada.send("signal", "to", bobId, "data", WsClient.JSON.createObjectNode().put("seq", 1));
    JsonNode signal = bobBack.expect("signal");
    assertThat(signal.get("from").asText()).isEqualTo(adaId);
    thief.send("ping");
    thief.expect("pong");
    thief.expectNothing();
  }

  @Test
  void onlyTheNewestTokenResumesAndASupersededOneStaysRefused() throws Exception {
    TestServer server = server();
    WsClient bob = client(server.ws());
    JsonNode first = bob.join("r", "Bob");
    String bobId = first.get("peerId").asText();

    bob.abort();
    WsClient second = resume(server.ws(), first.get("resume").asText());
    JsonNode secondWelcome = second.expect("welcome");
    assertThat(secondWelcome.get("resumed").asBoolean()).isTrue();
    second.abort();
    WsClient third = resume(server.ws(), secondWelcome.get("resume").asText());
    JsonNode thirdWelcome = third.expect("welcome");
    assertThat(thirdWelcome.get("resumed").asBoolean()).isTrue();
    assertThat(thirdWelcome.get("peerId").asText()).isEqualTo(bobId);

    for (String superseded :
        List.of(first.get("resume").asText(), secondWelcome.get("resume").asText())) {
      JsonNode refused = resume(server.ws(), superseded).expect("welcome");
      assertThat(refused.get("resumed").asBoolean()).isFalse();
      assertThat(refused.get("peerId").asText()).isNotEqualTo(bobId);
    }

    third.abort();
    JsonNode newest = resume(server.ws(), thirdWelcome.get("resume").asText()).expect("welcome");
    assertThat(newest.get("resumed").asBoolean()).as("the newest token still works").isTrue();
    assertThat(newest.get("peerId").asText()).isEqualTo(bobId);
  }

  @Test
  void aTokenTakenBackAfterARestartIsSpentToo() throws Exception {
    TestServer first = TestServer.start();
    WsClient bob = WsClient.connect(first.ws(), null);
    JsonNode welcome = bob.join("r", "Bob");
    first.close();
    bob.expect("goaway");
    bob.close();

    TestServer second = server();
    WsClient bobBack = resume(second.ws(), welcome.get("resume").asText());
    assertThat(bobBack.expect("welcome").get("resumed").asBoolean()).isTrue();
    bobBack.send("leave");
    bobBack.send("ping");
    bobBack.expect("pong");

    JsonNode replayed = resume(second.ws(), welcome.get("resume").asText()).expect("welcome");
    assertThat(replayed.get("resumed").asBoolean())
        .as("the token was spent by the first resume")
        .isFalse();
    assertThat(replayed.get("peerId").asText()).isNotEqualTo(welcome.get("peerId").asText());
  }
}
