package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The forwarding path's promise: viewing, reading and rewriting a packet allocates nothing, so one
 * view and one rewriter serve every packet of an event loop.
 */
class RtpPathAllocationTest {
  private static final int WARM_UP = 50_000;
  private static final int MEASURED = 100_000;

  /** Room for the measuring itself; one allocation per packet would be megabytes. */
  private static final long NOISE_BYTES = 16 * 1024;

  private final ByteBuf datagram =
      RtpPacketTest.buffer("906f1234 00000960 deadbeef bede0003 10aa2212 34563100 2a403000 fcfffe");
  private final RtpPacket packet = new RtpPacket();
  private final StreamRewriter rewriter = new StreamRewriter(0x5eed, 48_000);
  private long sink;

  @Test
  void forwardingAPacketAllocatesNothing() throws RtpParseException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    forward(WARM_UP);
    long before = threads.getCurrentThreadAllocatedBytes();
    forward(MEASURED);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated for %d packets", MEASURED).isLessThan(NOISE_BYTES);
    assertThat(sink).isNotZero();
  }

  private void forward(int packets) throws RtpParseException {
    for (int i = 0; i < packets; i++) {
      datagram.setShort(2, i);
      datagram.setInt(8, i % 1000 == 0 ? 0xdeadbeef : 0xfeedface);
      packet.wrap(datagram);
      sink += packet.audioLevel(1) + packet.transportSequence(3) + packet.payloadLength();
      packet.setTransportSequence(3, i);
      packet.setAbsSendTime(2, i);
      rewriter.rewrite(packet, i * 20_000_000L);
    }
  }
}
