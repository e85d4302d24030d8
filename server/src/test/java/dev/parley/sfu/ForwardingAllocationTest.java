package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.metrics.Metrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The forwarding path's promise: a packet from a publisher, cached and copied to each subscriber
 * with its rewrites, allocates nothing on the Java heap (pooled buffers, reused views), as rtp's
 * {@code RtpPathAllocationTest} checks for the views alone.
 */
class ForwardingAllocationTest {
  private static final int SUBSCRIBERS = 3;
  private static final int WARM_UP = 50_000;
  private static final int MEASURED = 100_000;

  /** Room for the measuring itself; one allocation per packet would be megabytes. */
  private static final long NOISE_BYTES = 64 * 1024;

  private final TestClock clock = new TestClock();
  private long released;

  /**
   * On a Netty thread, as the media event loop is: the pooled allocator's thread cache and the
   * recycler of buffer objects serve only those.
   */
  @Test
  void forwardingAPacketToSubscribersAllocatesNothing() throws Throwable {
    Throwable[] failure = new Throwable[1];
    Thread loop =
        new FastThreadLocalThread(
            () -> {
              try {
                measure();
              } catch (Throwable t) {
                failure[0] = t;
              }
            });
    loop.start();
    loop.join();
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private void measure() throws Exception {
    ForwardingUnit unit =
        new ForwardingUnit(
            new SfuLimits(4, Long.MAX_VALUE / 16),
            new SfuMetrics(new Metrics()),
            PooledByteBufAllocator.DEFAULT,
            clock,
            speaker -> {});
    Publisher alice = unit.addPublisher("alice", ByteBuf::release, Packets.CHROME);
    PublishedTrack camera =
        alice.publish(
            new TrackSpec("camera", Codec.VP8, 96, 97, "1", List.of(Encoding.ofSsrc(0xCA, 0xCB))));
    for (int i = 0; i < SUBSCRIBERS; i++) {
      unit.addSubscriber(
              "s" + i,
              packet -> {
                released += packet.readableBytes();
                packet.release();
              },
              Packets.CHROME,
              new RembEstimator())
          .subscribe(camera, new SubscriptionSpec(0x100 + i, 96, 0x200 + i, 97));
    }
    ByteBuf key = Packets.rtp().payloadType(96).ssrc(0xCA).payload(Packets.vp8(true, 1)).build();
    alice.received(key);
    ByteBuf delta =
        Packets.rtp()
            .payloadType(96)
            .ssrc(0xCA)
            .audioLevel(1)
            .transportCc(0)
            .extension(Packets.ABS_SEND_TIME_ID, (byte) 0, (byte) 0, (byte) 0)
            .payload(Packets.vp8(false, 2))
            .build();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // The tests run Netty's leak detection on paranoid, which records a stack trace for every
    // buffer: an allocation per packet of its own. Off for the measurement, back on after.
    ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
    long allocated;
    try {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
      forward(alice, delta, 1, WARM_UP);
      long before = threads.getCurrentThreadAllocatedBytes();
      forward(alice, delta, 1 + WARM_UP, MEASURED);
      allocated = threads.getCurrentThreadAllocatedBytes() - before;
    } finally {
      ResourceLeakDetector.setLevel(level);
    }
    assertThat(allocated)
        .as("bytes allocated for %d packets to %d subscribers", MEASURED, SUBSCRIBERS)
        .isLessThan(NOISE_BYTES);
    assertThat(released).isGreaterThan((long) MEASURED * SUBSCRIBERS * delta.readableBytes() / 2);
    unit.close();
  }

  private void forward(Publisher alice, ByteBuf packet, int first, int count) {
    for (int i = first; i < first + count; i++) {
      packet.setShort(2, i);
      packet.setInt(4, i * 3000);
      clock.advanceMillis(1);
      alice.received(packet);
    }
  }
}
