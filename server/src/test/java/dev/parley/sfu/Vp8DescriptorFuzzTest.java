package dev.parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.rtp.RtpParseException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class Vp8DescriptorFuzzTest {
  /**
   * Any payload is either refused with RtpParseException or read with every field inside it; a
   * rewritten picture id reads back in the descriptor's own form, and the H.264 check of the same
   * bytes never throws.
   */
  @FuzzTest
  void parseReadsAndRewritesInBounds(byte[] payload) throws RtpParseException {
    ByteBuf buffer = Unpooled.wrappedBuffer(payload);
    H264KeyFrames.startsKeyFrame(buffer, 0, payload.length);
    Vp8Descriptor descriptor = new Vp8Descriptor();
    try {
      descriptor.parse(buffer, 0, payload.length);
    } catch (RtpParseException refused) {
      return;
    }
    boolean key = descriptor.keyFrame();
    int tl0 = descriptor.tl0PicIdx();
    assertTrue(tl0 >= -1 && tl0 <= 255);
    if (descriptor.hasPictureId()) {
      int next = descriptor.pictureId() + 1;
      descriptor.setPictureId(next);
      descriptor.parse(buffer, 0, payload.length);
      assertEquals(next & descriptor.pictureIdMask(), descriptor.pictureId());
      assertEquals(key, descriptor.keyFrame(), "rewriting the picture id changes no frame type");
    }
  }
}
