package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class RtpPacketFuzzTest {
  private static final int MAX_EXTENSION_ID = 255;

  /**
   * Any bytes are either rejected with RtpParseException or viewed with every part inside the
   * packet; every getter and in-place rewrite then works, and the rewritten packet views again.
   */
  @FuzzTest
  void wrapReadsAndRewritesInBounds(byte[] datagram) throws RtpParseException {
    ByteBuf buffer = Unpooled.wrappedBuffer(datagram);
    RtpPacket packet = new RtpPacket();
    try {
      packet.wrap(buffer);
    } catch (RtpParseException rejected) {
      return;
    }
    assertEquals(
        datagram.length,
        packet.payloadOffset() + packet.payloadLength() + packet.paddingLength(),
        "header, payload and padding make up the packet");
    assertTrue(packet.payloadLength() >= 0);
    for (int i = 0; i < packet.csrcCount(); i++) {
      packet.csrc(i);
    }
    for (int id = 0; id <= MAX_EXTENSION_ID; id++) {
      int index = packet.extensionIndex(id);
      if (index >= 0) {
        assertTrue(
            index + packet.extensionLength(id) <= packet.payloadOffset(),
            "extension " + id + " lies inside the header");
        packet.text(id);
        packet.setAbsSendTime(id, packet.absSendTime(id) + 1);
        packet.setTransportSequence(id, packet.transportSequence(id) + 1);
        packet.audioLevel(id);
        packet.voiceActivity(id);
      }
    }
    packet.setSsrc(~packet.ssrc());
    packet.setSequenceNumber(packet.sequenceNumber() + 1);
    packet.setTimestamp(packet.timestamp() + 1);
    packet.setMarker(!packet.marker());
    packet.setPayloadType(packet.payloadType() ^ 1);
    int payloadOffset = packet.payloadOffset();
    packet.wrap(buffer);
    assertEquals(payloadOffset, packet.payloadOffset(), "rewriting moves nothing");
  }
}
