package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import dev.parley.protocol.ServerCodec;
import dev.parley.protocol.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parley's own text frames against Netty's frame encoder, byte for byte, across header sizes. */
class TextFramesTest {

  /**
   * Payload lengths around each header size's bounds: up to 125 bytes the length fits the header's
   * second byte, up to 65,535 two more bytes, beyond that eight.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 127, 1_000, 65_535, 65_536, 200_000})
  void framesAsNettysEncoderDoes(int payloadLength) {
    // A legacy frame goes out as it came, so its encoding has exactly the length asked for.
    assertFramedAsNettyDoes(new ServerMessage.LegacyFrame(RawJson.of("1".repeat(payloadLength))));
  }

  @Test
  void framesRelayedSignalsAndGeneratedMessages() {
    // Each way of encoding leaves the header's room its own way.
    assertFramedAsNettyDoes(
        new ServerMessage.Relayed(
            "Zm9vYmFyYmF6cXV4", RawJson.of("{\"candidate\":\"x\"}"), new Sequence(2, 1, -1)));
    assertFramedAsNettyDoes(new ServerMessage.PeerLeft("Zm9vYmFyYmF6cXV4", LeaveReason.LEFT));
  }

  private static void assertFramedAsNettyDoes(ServerMessage message) {
    ByteBuf ours = TextFrames.encode(message, ByteBufAllocator.DEFAULT);
    EmbeddedChannel netty = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
    netty.writeOutbound(
        new TextWebSocketFrame(ServerCodec.encode(message, ByteBufAllocator.DEFAULT, 0)));
    CompositeByteBuf theirs = ByteBufAllocator.DEFAULT.compositeBuffer();
    for (ByteBuf part; (part = netty.readOutbound()) != null; ) {
      theirs.addComponent(true, part);
    }
    try {
      assertThat(ByteBufUtil.equals(ours, theirs))
          .as(
              "%d bytes starting %s, Netty's %d starting %s",
              ours.readableBytes(), start(ours), theirs.readableBytes(), start(theirs))
          .isTrue();
    } finally {
      ours.release();
      theirs.release();
      netty.finishAndReleaseAll();
    }
  }

  private static String start(ByteBuf buf) {
    return ByteBufUtil.hexDump(buf, buf.readerIndex(), Math.min(16, buf.readableBytes()));
  }
}
