package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed tutorial's protocol: broadcast without echo, and candidates held until usable. */
@Timeout(30)
class LegacyModeTest {
  static final String OFFER =
      "{\"type\":\"offer\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}";
  static final String ANSWER =
      "{\"type\":\"answer\",\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}}";

  private TestServer server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws InterruptedException {
    server = TestServer.start();
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

  private static String candidate(int n) {
    return "{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"candidate:"
        + n
        + " 1 udp 1 127.0.0.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}";
  }

  @Test
  void anOfferReachesTheOthersVerbatimAndNeverEchoes() {
    WsClient caller = client();
    WsClient callee = client();
    WsClient third = client();
    server.awaitConnections(3);
    caller.sendRaw(OFFER);
    assertThat(callee.nextRaw()).isEqualTo(OFFER);
    assertThat(third.nextRaw()).isEqualTo(OFFER);
    caller.expectNothing();
  }

  @Test
  void candidatesWaitUntilTheCalleeAnsweredAndTheCallerHadTimeForTheAnswer() {
    WsClient caller = client();
    WsClient callee = client();
    server.awaitConnections(2);
    caller.sendRaw(OFFER);
    caller.sendRaw(candidate(1));
    caller.sendRaw(candidate(2));
    assertThat(callee.nextRaw()).isEqualTo(OFFER);
    // The tutorial's callee has no peer connection yet: these would be dropped.
    callee.expectNothing(Duration.ofMillis(500));

    callee.sendRaw(ANSWER);
    callee.sendRaw(candidate(3));
    assertThat(callee.nextRaw()).isEqualTo(candidate(1));
    assertThat(callee.nextRaw()).isEqualTo(candidate(2));

    long answeredAt = System.nanoTime();
    assertThat(caller.nextRaw()).isEqualTo(ANSWER);
    assertThat(caller.nextRaw()).isEqualTo(candidate(3));
    // Held for the configured delay after the answer reached the caller.
    assertThat(Duration.ofNanos(System.nanoTime() - answeredAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));

    caller.sendRaw(candidate(4));
    assertThat(callee.nextRaw()).isEqualTo(candidate(4));

    // The first moments' candidates come once more, for a page that stalled meanwhile.
    assertThat(callee.nextRaw()).isEqualTo(candidate(1));
    assertThat(callee.nextRaw()).isEqualTo(candidate(2));
    assertThat(callee.nextRaw()).isEqualTo(candidate(4));
    assertThat(caller.nextRaw()).isEqualTo(candidate(3));
    callee.expectNothing();
    caller.expectNothing();
  }

  @Test
  void aRoomClientNeverSeesLegacyTraffic() {
    WsClient member = client();
    member.join("r", "Ada");
    WsClient caller = client();
    WsClient callee = client();
    server.awaitConnections(3);
    caller.sendRaw(OFFER);
    assertThat(callee.nextRaw()).isEqualTo(OFFER);
    member.expectNothing();
  }

  @Test
  void aLegacyConnectionCannotJoinARoomAndARoomMemberCannotSpeakLegacy() {
    WsClient caller = client();
    caller.sendRaw(OFFER);
    caller.send("join", "room", "r");
    JsonNode error = caller.expectError("bad-message");
    assertThat(error.get("message").asText())
        .isEqualTo("this connection speaks the legacy protocol (offer, answer, ice-candidate)");

    WsClient member = client();
    member.join("r", "Ada");
    member.sendRaw(OFFER);
    assertThat(member.expectError("unknown-type").get("message").asText())
        .isEqualTo("unknown message type 'offer'");
  }

  @Test
  void legacyModeCanBeTurnedOff() throws Exception {
    try (TestServer strict = TestServer.start("legacy=false");
        WsClient caller = strict.connect();
        WsClient callee = strict.connect()) {
      caller.sendRaw(OFFER);
      caller.expectError("unknown-type");
      callee.expectNothing();
    }
  }
}
