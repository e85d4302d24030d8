package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ClientMessage.Broadcast;
import dev.parley.protocol.ClientMessage.Join;
import dev.parley.protocol.ClientMessage.Leave;
import dev.parley.protocol.ClientMessage.Legacy;
import dev.parley.protocol.ClientMessage.LegacyKind;
import dev.parley.protocol.ClientMessage.Ping;
import dev.parley.protocol.ClientMessage.Publish;
import dev.parley.protocol.ClientMessage.Render;
import dev.parley.protocol.ClientMessage.Signal;
import dev.parley.protocol.ClientMessage.SubscribeAnswer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClientCodecTest {

  static Stream<Named<JsonNode>> valid() {
    return Fixtures.load("client-valid.json").stream()
        .map(c -> Named.of(c.get("name").asText(), c));
  }

  static Stream<Named<JsonNode>> invalid() {
    return Fixtures.load("client-invalid.json").stream()
        .map(c -> Named.of(c.get("name").asText(), c));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void decodesTheValidFixtures(JsonNode fixture) throws Exception {
    ClientMessage message = ClientCodec.decode(bytes(fixture.get("frame").toString()));
    assertThat(describe(message)).isEqualTo(fixture.get("decoded"));
    String type = fixture.get("frame").get("type").asText();
    if (message instanceof ClientMessage.Legacy legacy) {
      assertThat(legacy.kind().wire()).isEqualTo(type);
      assertThat(MessageType.of(message)).isEqualTo(MessageType.LEGACY);
    } else {
      assertThat(MessageType.of(message).wire()).as("the type metrics count it by").isEqualTo(type);
    }
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void refusesTheInvalidFixtures(JsonNode fixture) {
    ProtocolException refused =
        catchThrowableOfType(
            ProtocolException.class,
            () -> ClientCodec.decode(bytes(fixture.get("frame").asText())));
    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.code().wire()).isEqualTo(fixture.get("code").asText());
    if (fixture.has("message")) {
      assertThat(refused.getMessage()).isEqualTo(fixture.get("message").asText());
    }
  }

  @Test
  void keepsSignalDataByteForByte() throws Exception {
    String data = "{ \"a\" : 1.50e0, \"s\": \"\\u00e9\\n\" }";
    Signal signal =
        (Signal)
            ClientCodec.decode(bytes("{\"data\":" + data + ",\"to\":\"p\",\"type\":\"signal\"}"));
    assertThat(signal.data().toString()).isEqualTo(data);
  }

  @Test
  void reportsMalformedJsonBeforeAWrongFieldType() {
    ProtocolException refused =
        catchThrowableOfType(
            ProtocolException.class, () -> ClientCodec.decode(bytes("{\"type\":7, ")));
    assertThat(refused.code()).isEqualTo(ErrorCode.BAD_JSON);
  }

  @Test
  void refusesDeepNesting() {
    String deep =
        "{\"type\":\"signal\",\"to\":\"p\",\"data\":"
            + "{\"a\":".repeat(100)
            + "1"
            + "}".repeat(101);
    ProtocolException refused =
        catchThrowableOfType(ProtocolException.class, () -> ClientCodec.decode(bytes(deep)));
    assertThat(refused.code()).isEqualTo(ErrorCode.BAD_JSON);
  }

  @Test
  void legacyMessagesKeepTheWholeFrame() throws Exception {
    String frame = "{\"type\":\"offer\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}";
    Legacy legacy = (Legacy) ClientCodec.decode(bytes(frame));
    assertThat(legacy.kind()).isEqualTo(LegacyKind.OFFER);
    assertThat(legacy.frame().toString()).isEqualTo(frame);
  }

  @Test
  void clipsEchoedClientTextInErrors() {
    ProtocolException refused =
        catchThrowableOfType(
            ProtocolException.class,
            () -> ClientCodec.decode(bytes("{\"type\":\"" + "x".repeat(1000) + "\\u0001\"}")));
    assertThat(refused.getMessage()).hasSizeLessThan(120).doesNotContain("\u0001");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void putIfPresent(ObjectNode node, String field, long number) {
    if (number >= 0) {
      // As the fixture's parser reads it: an int where it fits, as JsonNode equality tells apart.
      node.set(
          field,
          Fixtures.JSON.getNodeFactory().numberNode(number).canConvertToInt()
              ? Fixtures.JSON.getNodeFactory().numberNode((int) number)
              : Fixtures.JSON.getNodeFactory().numberNode(number));
    }
  }

  /** The decoded message in the fixtures' {@code decoded} shape. */
  private static JsonNode describe(ClientMessage message) throws Exception {
    ObjectNode node = Fixtures.JSON.createObjectNode();
    switch (message) {
      case Join join ->
          node.put("type", "join")
              .put("room", join.room())
              .put("name", join.name())
              .put("token", join.token())
              .put("resume", join.resume());
      case Signal signal -> {
        node.put("type", "signal")
            .put("to", signal.to())
            .set("data", Fixtures.JSON.readTree(signal.data().bytes()));
        putIfPresent(node, "seq", signal.sequence().seq());
        putIfPresent(node, "ack", signal.sequence().ack());
        putIfPresent(node, "resend", signal.sequence().resend());
      }
      case Leave leave -> node.put("type", "leave");
      case Ping ping -> node.put("type", "ping");
      case Legacy legacy -> node.put("type", "legacy");
      case Publish publish -> node.put("type", "publish").put("sdp", publish.sdp());
      case SubscribeAnswer answer -> node.put("type", "subscribe-answer").put("sdp", answer.sdp());
      case Render render ->
          node.put("type", "render")
              .put("trackId", render.trackId())
              .put("width", render.width())
              .put("height", render.height());
      case Broadcast broadcast ->
          node.put("type", "broadcast")
              .set("data", Fixtures.JSON.readTree(broadcast.data().bytes()));
    }
    return node;
  }
}
