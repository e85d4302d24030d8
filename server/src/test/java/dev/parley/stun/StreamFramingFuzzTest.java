package dev.parley.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class StreamFramingFuzzTest {
  /**
   * Splits arbitrary bytes as a TCP stream would be: every frame length is bounded, the loop always
   * advances, and each complete frame decodes as its kind or is rejected with StunParseException.
   */
  @FuzzTest
  void framesAnyStream(byte[] bytes) {
    ByteBuffer stream = ByteBuffer.wrap(bytes);
    while (stream.hasRemaining()) {
      int length;
      try {
        length = StreamFraming.nextFrameLength(stream);
      } catch (StunParseException invalidStream) {
        return;
      }
      assertTrue(length >= 4 && length <= 65_552, "frame length " + length);
      if (stream.remaining() < length) {
        return; // a decoder would wait for more bytes
      }
      ByteBuffer frame = stream.slice(stream.position(), length);
      try {
        switch (PacketKind.of(frame.get(0))) {
          case STUN -> StunMessage.decodeView(frame);
          case CHANNEL_DATA ->
              assertEquals(length, ChannelData.decodeView(frame).encodePadded().length);
          case OTHER -> throw new AssertionError("framed a message of neither kind");
        }
      } catch (StunParseException malformedFrame) {
        return; // the connection would be closed
      }
      stream.position(stream.position() + length);
    }
  }
}
