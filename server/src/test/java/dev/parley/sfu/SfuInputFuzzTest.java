package dev.parley.sfu;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.metrics.Metrics;
import io.netty.buffer.Unpooled;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class SfuInputFuzzTest {
  /** One registry for every run: a registry binds JVM meters that outlive it. */
  private static final SfuMetrics METRICS = new SfuMetrics(new Metrics());

  /**
   * Any datagrams from a publisher of simulcast video and audio, and from a subscriber of both,
   * with time passing between them, are forwarded, answered or dropped without an exception, and
   * whatever the unit sends parses as RTP or RTCP (the recording output checks it).
   */
  @FuzzTest
  void anyDatagramsFromEitherSideAreHandled(FuzzedDataProvider data) throws Exception {
    try (UnitFixture room = new UnitFixture(new SfuLimits(4, 10_000_000), METRICS)) {
      UnitFixture.Publishing alice = room.publisher("alice");
      PublishedTrack camera = alice.publisher().publish(UnitFixture.simulcast("camera"));
      PublishedTrack mic =
          alice.publisher().publish(UnitFixture.audio("mic", UnitFixture.AUDIO_SSRC));
      UnitFixture.Receiving bob = room.subscriber("bob");
      bob.subscriber().subscribe(camera, new SubscriptionSpec(0x7000, 96, 0x7001, 97));
      bob.subscriber().subscribe(mic, new SubscriptionSpec(0x7002, 111, 0, -1));
      while (data.remainingBytes() > 0) {
        boolean fromPublisher = data.consumeBoolean();
        room.clock.advanceMillis(data.consumeInt(0, 300));
        byte[] datagram = data.consumeBytes(data.consumeInt(0, 1500));
        if (fromPublisher) {
          alice.send(Unpooled.wrappedBuffer(datagram));
        } else {
          bob.send(Unpooled.wrappedBuffer(datagram));
        }
        room.unit.tick();
        bob.output().takeRtp();
        bob.output().takeRtcp();
        alice.upstream().takeRtcp();
      }
    }
  }
}
