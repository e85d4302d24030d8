package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.AcrossNodes;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ResumeTest} with each client on another node of a three-node cluster sharing a real Redis.
 */
@ExtendWith(AcrossNodes.class)
class ResumeAcrossNodesTest extends ResumeTest {

  /**
   * A whole cluster restarted: unlike a lone server, the new nodes find both peers still in Redis,
   * so both resume and neither is announced to the other again.
   */
  @Override
  @Test
  void aResumeTokenSurvivesAServerRestart() throws Exception {
    JsonNode adaWelcome;
    JsonNode bobWelcome;
    try (TestServer first = TestServer.start();
        WsClient ada = first.connect();
        WsClient bob = first.connect()) {
      adaWelcome = ada.join("call", "Ada");
      bobWelcome = bob.join("call", "Bob");
      ada.expect("peer-joined");
    }
    try (TestServer second = TestServer.start();
        WsClient bobAgain = second.connect();
        WsClient adaAgain = second.connect()) {
      bobAgain.send("join", "room", "call", "resume", bobWelcome.get("resume").asText());
      JsonNode bobResumed = bobAgain.expect("welcome");
      assertThat(bobResumed.get("resumed").asBoolean()).isTrue();
      assertThat(bobResumed.get("peerId").asText()).isEqualTo(bobWelcome.get("peerId").asText());
      adaAgain.send("join", "room", "call", "resume", adaWelcome.get("resume").asText());
      JsonNode adaResumed = adaAgain.expect("welcome");
      assertThat(adaResumed.get("resumed").asBoolean()).isTrue();
      assertThat(adaResumed.get("peers").get(0).get("peerId").asText())
          .isEqualTo(bobWelcome.get("peerId").asText());

      adaAgain.send(
          "signal",
          "to",
          bobWelcome.get("peerId").asText(),
          "data",
          WsClient.JSON.createObjectNode().put("seq", 7));
      assertThat(bobAgain.expect("signal").get("data").get("seq").asInt()).isEqualTo(7);
      bobAgain.expectNothing();
      adaAgain.expectNothing();
    }
  }
}
