package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;

/**
 * What a client makes of the frames a session wrote to its channel: read by Netty's own decoder.
 */
final class SentFrames {
  private SentFrames() {}

  /**
   * The text of the one whole text frame in {@code written}, which stays the caller's to release.
   */
  static String text(Object written) {
    assertThat(written).isInstanceOf(ByteBuf.class);
    EmbeddedChannel client =
        new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, Integer.MAX_VALUE));
    try {
      client.writeInbound(((ByteBuf) written).retainedDuplicate());
      Object frame = client.readInbound();
      assertThat(frame).isInstanceOf(TextWebSocketFrame.class);
      assertThat(client.<Object>readInbound()).as("one frame per write").isNull();
      try {
        return ((TextWebSocketFrame) frame).text();
      } finally {
        ((TextWebSocketFrame) frame).release();
      }
    } finally {
      client.finishAndReleaseAll();
    }
  }
}
