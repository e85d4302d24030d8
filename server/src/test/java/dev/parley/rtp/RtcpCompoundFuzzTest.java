package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class RtcpCompoundFuzzTest {
  /**
   * Any bytes either parse or are rejected with RtpParseException, nothing else; what parses writes
   * to bytes that parse to equal packets and write identically.
   */
  @FuzzTest
  void parseThenWriteRoundTrips(byte[] datagram) {
    List<RtcpPacket> compound;
    try {
      compound = RtcpPacket.parseCompound(Unpooled.wrappedBuffer(datagram));
    } catch (RtpParseException rejected) {
      return;
    }
    ByteBuf written = Unpooled.buffer();
    RtcpPacket.writeCompound(compound, written);
    List<RtcpPacket> again;
    try {
      again = RtcpPacket.parseCompound(written.duplicate());
    } catch (RtpParseException e) {
      throw new AssertionError("the codec's own output does not parse: " + e.getMessage(), e);
    }
    assertEquals(compound, again);
    ByteBuf rewritten = Unpooled.buffer();
    RtcpPacket.writeCompound(again, rewritten);
    assertEquals(ByteBufUtil.hexDump(written), ByteBufUtil.hexDump(rewritten));
  }
}
