package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class StreamRewriterTest {
  private static final long MS = 1_000_000L;
  private static final int SUBSCRIBER_SSRC = 0x5eed;

  private final StreamRewriter rewriter = new StreamRewriter(SUBSCRIBER_SSRC, 90_000);

  @Test
  void theFirstSourcePassesThroughUnderTheStreamsSsrc() throws RtpParseException {
    RtpPacket out = forward(0xaaaa, 1000, 500_000L, 0);
    assertThat(out.ssrc()).isEqualTo(SUBSCRIBER_SSRC);
    assertThat(out.sequenceNumber()).isEqualTo(1000);
    assertThat(out.timestamp()).isEqualTo(500_000L);
  }

  @Test
  void aSwitchOfLayerContinuesSequenceAndTimestamp() throws RtpParseException {
    forward(0xaaaa, 65534, 4_294_960_000L, 0);
    forward(0xaaaa, 65535, 4_294_963_000L, 33 * MS);
    // The higher layer: its own numbers, far away from the lower layer's.
    RtpPacket switched = forward(0xbbbb, 12, 777_000L, 66 * MS);
    assertThat(switched.ssrc()).isEqualTo(SUBSCRIBER_SSRC);
    assertThat(switched.sequenceNumber()).isZero();
    // 33 ms after the last packet at 90 kHz is 2970 ticks, across the 32-bit wrap.
    assertThat(switched.timestamp()).isEqualTo((4_294_963_000L + 2970) & 0xFFFF_FFFFL);
    RtpPacket next = forward(0xbbbb, 13, 780_000L, 99 * MS);
    assertThat(next.sequenceNumber()).isEqualTo(1);
    assertThat(next.timestamp()).isEqualTo((4_294_963_000L + 2970 + 3000) & 0xFFFF_FFFFL);
  }

  @Test
  void aSenderReportsTimestampIsMappedOnlyForTheSourceBeingForwarded() throws RtpParseException {
    assertThat(rewriter.outgoingTimestamp(0xaaaa, 1)).as("nothing forwarded yet").isEqualTo(-1);
    forward(0xaaaa, 1, 10_000L, 0);
    forward(0xbbbb, 7, 500_000L, 33 * MS);
    assertThat(rewriter.outgoingTimestamp(0xbbbb, 503_000L)).isEqualTo(10_000L + 2970 + 3000);
    assertThat(rewriter.outgoingTimestamp(0xaaaa, 13_000L)).as("no longer forwarded").isEqualTo(-1);
  }

  @Test
  void reorderingAndGapsWithinASourceAreKept() throws RtpParseException {
    forward(0xaaaa, 100, 9000, 0);
    forward(0xaaaa, 103, 9300, 10 * MS);
    assertThat(forward(0xaaaa, 102, 9200, 11 * MS).sequenceNumber()).isEqualTo(102);
    // The switch continues after the highest sent (103), not after the late 102.
    RtpPacket switched = forward(0xcccc, 5000, 1, 20 * MS);
    assertThat(switched.sequenceNumber()).isEqualTo(104);
    assertThat(switched.timestamp()).isEqualTo(9300 + 900);
  }

  @Test
  void aSwitchAtTheSameInstantStillMovesTheTimestamp() throws RtpParseException {
    forward(0xaaaa, 1, 1000, 0);
    assertThat(forward(0xbbbb, 1, 1000, 0).timestamp()).isEqualTo(1001);
  }

  @Test
  void switchingBackToAnEarlierSourceStaysContinuous() throws RtpParseException {
    forward(0xaaaa, 10, 0, 0);
    forward(0xbbbb, 500, 0, 10 * MS);
    RtpPacket back = forward(0xaaaa, 11, 900, 20 * MS);
    assertThat(back.sequenceNumber()).isEqualTo(12);
    assertThat(back.timestamp()).isEqualTo(900 + 900);
  }

  private RtpPacket forward(int ssrc, int sequence, long timestamp, long nowNanos)
      throws RtpParseException {
    ByteBuf bytes = Unpooled.buffer(12).writeByte(0x80).writeByte(96);
    bytes.writeShort(sequence).writeInt((int) timestamp).writeInt(ssrc);
    RtpPacket packet = new RtpPacket().wrap(bytes);
    rewriter.rewrite(packet, nowNanos);
    return packet;
  }
}
