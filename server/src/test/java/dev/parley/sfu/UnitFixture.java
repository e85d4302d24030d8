package dev.parley.sfu;

import dev.parley.metrics.Metrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/** A unit on a test clock, with recording transports; tracks and subscriptions as browsers make. */
final class UnitFixture implements AutoCloseable {
  static final int AUDIO_SSRC = 0x0A0D_1000;
  static final int[] LAYER_SSRCS = {0x1000_0001, 0x1000_0002, 0x1000_0003};
  static final long[] LAYER_BITRATES = {150_000, 500_000, 1_500_000};
  static final int VP8 = 96;
  static final int OPUS = 111;

  final TestClock clock = new TestClock();
  final SfuMetrics metrics;
  final List<String> speakerChanges = new ArrayList<>();
  final ForwardingUnit unit;

  UnitFixture() {
    this(new SfuLimits(4, 10_000_000));
  }

  UnitFixture(SfuLimits limits) {
    this(limits, new SfuMetrics(new Metrics()));
  }

  /** With meters shared across fixtures, as a fuzz target's many runs need. */
  UnitFixture(SfuLimits limits, SfuMetrics metrics) {
    this.metrics = metrics;
    unit =
        new ForwardingUnit(
            limits, metrics, PooledByteBufAllocator.DEFAULT, clock, speakerChanges::add);
  }

  /** A publisher on Chrome's extension ids. */
  Publishing publisher(String id) {
    RecordingOutput upstream = new RecordingOutput();
    return new Publishing(unit.addPublisher(id, upstream, Packets.CHROME), upstream);
  }

  Receiving subscriber(String id) {
    RecordingOutput output = new RecordingOutput();
    return new Receiving(
        unit.addSubscriber(id, output, Packets.CHROME, new RembEstimator()), output);
  }

  static TrackSpec audio(String trackId, int ssrc) {
    return new TrackSpec(trackId, Codec.OPUS, OPUS, -1, "0", List.of(Encoding.ofSsrc(ssrc, 0)));
  }

  /** Three VP8 layers known by SSRC: 320x180, 640x360, 1280x720. */
  static TrackSpec simulcast(String trackId) {
    List<Encoding> layers = new ArrayList<>();
    String[] rids = {"q", "h", "f"};
    for (int layer = 0; layer < 3; layer++) {
      layers.add(
          new Encoding(
              rids[layer],
              LAYER_SSRCS[layer],
              0,
              LAYER_BITRATES[layer],
              320 << layer,
              180 << layer));
    }
    return new TrackSpec(trackId, Codec.VP8, VP8, 97, "1", layers);
  }

  @Override
  public void close() {
    unit.close();
  }

  record Publishing(Publisher publisher, RecordingOutput upstream) {
    void send(ByteBuf packet) {
      publisher.received(packet);
    }
  }

  record Receiving(Subscriber subscriber, RecordingOutput output) {
    void send(ByteBuf rtcp) {
      subscriber.received(rtcp);
    }
  }
}
