package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.ClientMessage.Broadcast;
import dev.parley.protocol.ClientMessage.Publish;
import dev.parley.protocol.ClientMessage.Render;
import dev.parley.protocol.ClientMessage.SubscribeAnswer;
import dev.parley.protocol.ServerMessage.MediaChanged;
import dev.parley.protocol.ServerMessage.OfferedTrack;
import dev.parley.protocol.ServerMessage.PublishAnswer;
import dev.parley.protocol.ServerMessage.Speaker;
import dev.parley.protocol.ServerMessage.SubscribeOffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SFU rooms' words (docs/protocol.md "SFU rooms"). Kept out of the shared fixtures for now: the
 * SDK's fixture test pins the list of server message types.
 */
class SfuMessagesTest {
  private static ClientMessage decode(String json) throws ProtocolException {
    return ClientCodec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesTheClientsSfuMessages() throws Exception {
    assertThat(decode("{\"type\":\"publish\",\"sdp\":\"v=0\\r\\n\"}"))
        .isEqualTo(new Publish("v=0\r\n"));
    assertThat(decode("{\"type\":\"subscribe-answer\",\"sdp\":\"v=0\"}"))
        .isEqualTo(new SubscribeAnswer("v=0"));
    assertThat(decode("{\"type\":\"render\",\"trackId\":\"p-1\",\"width\":640,\"height\":0}"))
        .isEqualTo(new Render("p-1", 640, 0));
    Broadcast broadcast = (Broadcast) decode("{\"type\":\"broadcast\",\"data\":{\"a\":[1]}}");
    assertThat(new String(broadcast.data().bytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":[1]}");
    assertThat(MessageType.of(broadcast)).isEqualTo(MessageType.BROADCAST);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"publish\"}|missing field 'sdp' (a string)",
        "{\"type\":\"publish\",\"sdp\":{\"sdp\":\"v=0\"}}|missing field 'sdp' (a string)",
        "{\"type\":\"subscribe-answer\",\"sdp\":\"\"}|missing field 'sdp' (a string)",
        "{\"type\":\"render\",\"width\":1,\"height\":1}|missing field 'trackId'",
        "{\"type\":\"render\",\"trackId\":\"t\",\"width\":1}|render needs 'width' and 'height' (whole numbers)",
        "{\"type\":\"render\",\"trackId\":\"t\",\"width\":20000,\"height\":1}|'width' and 'height' are at most 16384",
        "{\"type\":\"render\",\"trackId\":\"t\",\"width\":-1,\"height\":1}|field 'width' must be a whole number from 0 to 2^53-1",
        "{\"type\":\"broadcast\"}|missing field 'data' (a JSON object)",
        "{\"type\":\"broadcast\",\"data\":\"x\"}|field 'data' must be a JSON object",
      })
  void refusesMalformedSfuMessagesWithBadMessage(String frame, String why) {
    ProtocolException refused = catchThrowableOfType(ProtocolException.class, () -> decode(frame));
    assertThat(refused.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
    assertThat(refused.getMessage()).isEqualTo(why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad-sdp", "not-sfu", "media-limit"})
  void hasTheContractsErrorCodes(String wire) {
    assertThat(List.of(ErrorCode.values()).stream().map(ErrorCode::wire)).contains(wire);
  }

  @Test
  void writesTheServersSfuMessages() throws Exception {
    assertThat(json(new MediaChanged(MediaMode.SFU)))
        .isEqualTo(tree("{\"type\":\"media\",\"mode\":\"sfu\"}"));
    assertThat(json(new PublishAnswer("v=0\r\n")))
        .isEqualTo(tree("{\"type\":\"publish-answer\",\"sdp\":\"v=0\\r\\n\"}"));
    assertThat(json(new SubscribeOffer("v=0", List.of(new OfferedTrack("p-0", "p", "audio", "0")))))
        .isEqualTo(
            tree(
                "{\"type\":\"subscribe-offer\",\"sdp\":\"v=0\",\"tracks\":[{\"trackId\":\"p-0\","
                    + "\"peerId\":\"p\",\"kind\":\"audio\",\"mid\":\"0\"}]}"));
    assertThat(json(new Speaker("p"))).isEqualTo(tree("{\"type\":\"speaker\",\"peerId\":\"p\"}"));
    assertThat(json(new Speaker(null))).isEqualTo(tree("{\"type\":\"speaker\",\"peerId\":null}"));
    assertThat(MessageType.of(new Speaker(null)).wire()).isEqualTo("speaker");
  }

  private static JsonNode json(ServerMessage message) throws Exception {
    return tree(ServerCodec.encodeToString(message));
  }

  private static JsonNode tree(String text) throws Exception {
    return Fixtures.JSON.readTree(text);
  }
}
