package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.ServerMessage.IceServer;
import dev.parley.protocol.ServerMessage.PeerInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Builds each fixture's message as a record, encodes it, and compares with the fixture. */
class ServerCodecTest {

  static Stream<Named<JsonNode>> messages() {
    return Fixtures.load("server-messages.json").stream()
        .map(c -> Named.of(c.get("name").asText(), c));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void encodesLikeTheFixture(JsonNode fixture) throws Exception {
    JsonNode expected = fixture.get("message");
    ServerMessage message = fromFixture(expected);
    String encoded = ServerCodec.encodeToString(message);
    assertThat(Fixtures.JSON.readTree(encoded)).isEqualTo(expected);
    assertThat(MessageType.of(message).wire())
        .as("the type metrics count it by")
        .isEqualTo(expected.get("type").asText());
  }

  /** Ids are quoted by a fast path when plain; anything else must still come out as valid JSON. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Zm9vYmFyYmF6cXV4",
        "a\"b",
        "back\\slash",
        "tab\there",
        "nul\u0000",
        "\u00e9t\u00e9",
        "\ud83d\ude00",
        "~ !"
      })
  void quotesTheSenderOfARelayedSignalAsAJsonString(String from) throws Exception {
    String encoded =
        ServerCodec.encodeToString(
            new ServerMessage.Relayed(from, RawJson.of("{\"x\":1}"), Sequence.NONE));
    JsonNode parsed = Fixtures.JSON.readTree(encoded);
    assertThat(parsed.get("from").asText()).isEqualTo(from);
    assertThat(parsed.get("data").get("x").asInt()).isEqualTo(1);
  }

  private static ServerMessage fromFixture(JsonNode m) {
    return switch (m.get("type").asText()) {
      case "welcome" ->
          new ServerMessage.Welcome(
              m.get("peerId").asText(),
              m.get("room").asText(),
              peers(m.get("peers")),
              iceServers(m.get("iceServers")),
              m.get("resume").asText(),
              m.get("resumed").asBoolean(),
              new ServerMessage.Permissions(
                  m.get("permissions").get("publish").asBoolean(),
                  m.get("permissions").get("data").asBoolean()),
              MediaMode.valueOf(m.get("media").asText().toUpperCase(java.util.Locale.ROOT)));
      case "peer-joined" -> new ServerMessage.PeerJoined(peer(m.get("peer")));
      case "peer-left" ->
          new ServerMessage.PeerLeft(
              m.get("peerId").asText(),
              Arrays.stream(LeaveReason.values())
                  .filter(r -> r.wire().equals(m.get("reason").asText()))
                  .findFirst()
                  .orElseThrow());
      case "signal" ->
          new ServerMessage.Relayed(
              m.get("from").asText(),
              RawJson.of(m.get("data").toString()),
              new Sequence(
                  m.path("seq").asLong(-1), m.path("ack").asLong(-1), m.path("resend").asLong(-1)));
      case "error" ->
          new ServerMessage.Error(
              Arrays.stream(ErrorCode.values())
                  .filter(c -> c.wire().equals(m.get("code").asText()))
                  .findFirst()
                  .orElseThrow(),
              m.get("message").asText());
      case "goaway" -> new ServerMessage.GoAway(m.get("reconnectInMs").asLong());
      case "pong" -> ServerMessage.Pong.INSTANCE;
      default -> throw new IllegalArgumentException("fixture of unknown type " + m);
    };
  }

  private static List<PeerInfo> peers(JsonNode array) {
    List<PeerInfo> peers = new ArrayList<>();
    array.forEach(p -> peers.add(peer(p)));
    return peers;
  }

  private static PeerInfo peer(JsonNode p) {
    return new PeerInfo(
        p.get("peerId").asText(), p.get("name").isNull() ? null : p.get("name").asText());
  }

  private static List<IceServer> iceServers(JsonNode array) {
    List<IceServer> servers = new ArrayList<>();
    for (JsonNode s : array) {
      List<String> urls = new ArrayList<>();
      s.get("urls").forEach(u -> urls.add(u.asText()));
      servers.add(
          new IceServer(
              urls,
              s.has("username") ? s.get("username").asText() : null,
              s.has("credential") ? s.get("credential").asText() : null));
    }
    return servers;
  }
}
