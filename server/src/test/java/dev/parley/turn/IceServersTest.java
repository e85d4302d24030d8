package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.auth.TurnCredentials;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** welcome.iceServers: the embedded server's URLs with REST credentials that it accepts. */
@Timeout(30)
final class IceServersTest {
  @Test
  void welcomeListsStunAndTurnWithWorkingCredentials() throws Exception {
    try (TestServer server =
            TurnServers.start(
                "turn-credential-ttl=2h",
                "turn-servers=turn:turn.example.com:3478?transport=udp,stun:stun.example.com");
        WsClient alice = server.connect()) {
      JsonNode welcome = alice.join("room", "Alice");
      int port = server.server().turn().port();
      JsonNode servers = welcome.get("iceServers");

      assertThat(servers).hasSize(2);
      assertThat(texts(servers.get(0).get("urls")))
          .containsExactly("stun:127.0.0.1:" + port, "stun:stun.example.com");
      JsonNode turn = servers.get(1);
      // The web port last: the fallback where nothing else gets through.
      assertThat(texts(turn.get("urls")))
          .containsExactly(
              "turn:127.0.0.1:" + port + "?transport=udp",
              "turn:127.0.0.1:" + port + "?transport=tcp",
              "turn:turn.example.com:3478?transport=udp",
              "turn:127.0.0.1:" + server.port() + "?transport=tcp");
      String username = turn.get("username").asText();
      assertThat(username).endsWith(":" + welcome.get("peerId").asText());
      long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
      assertThat(expiry - Instant.now().getEpochSecond()).isBetween(7000L, 7200L);
      TurnCredentials same =
          new TurnCredentials(
              TurnServers.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
      assertThat(turn.get("credential").asText()).isEqualTo(same.password(username));

      // And the embedded server takes them.
      try (TurnClient client =
          new TurnClient(
              new InetSocketAddress("127.0.0.1", port),
              new TurnCredentials.Credential(username, turn.get("credential").asText()))) {
        assertThat(client.allocate().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      }
    }
  }

  @Test
  void externalIpIsAdvertisedInUrlsAndRelayedAddresses() throws Exception {
    try (TestServer server = TurnServers.start("turn-external-ip=203.0.113.9");
        WsClient alice = server.connect()) {
      JsonNode welcome = alice.join("room", "Alice");
      int port = server.server().turn().port();
      assertThat(welcome.get("iceServers").get(0).get("urls").get(0).asText())
          .isEqualTo("stun:203.0.113.9:" + port);
      JsonNode turn = welcome.get("iceServers").get(1);
      try (TurnClient client =
          new TurnClient(
              TurnServers.udp(server),
              new TurnCredentials.Credential(
                  turn.get("username").asText(), turn.get("credential").asText()))) {
        assertThat(client.allocate().getAddress().getHostAddress()).isEqualTo("203.0.113.9");
      }
    }
  }

  @Test
  void withTurnOffOnlyExternalServersAreListed() throws Exception {
    try (TestServer server =
            TurnServers.start(
                "turn=false", "turn-servers=turns:turn.example.com:5349?transport=tcp");
        WsClient alice = server.connect()) {
      JsonNode servers = alice.join("room", "Alice").get("iceServers");
      assertThat(servers).hasSize(1);
      assertThat(texts(servers.get(0).get("urls")))
          .containsExactly("turns:turn.example.com:5349?transport=tcp");
      assertThat(servers.get(0).get("username").asText()).contains(":");
    }
  }

  private static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
