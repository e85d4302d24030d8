package dev.parley.sfu;

import static dev.parley.sfu.SimulcastTest.rtcp;
import static dev.parley.sfu.UnitFixture.AUDIO_SSRC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.GenericNack;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NackTest {
  private static final int BOB_SSRC = 0x7000;
  private static final int BOB_RTX_SSRC = 0x7001;
  private static final int CAMERA_SSRC = 0x100;
  private static final int CAMERA_RTX_SSRC = 0x101;

  private final UnitFixture room = new UnitFixture();
  private final UnitFixture.Publishing alice = room.publisher("alice");
  private final UnitFixture.Receiving bob = room.subscriber("bob");

  @AfterEach
  void close() {
    room.close();
  }

  @Test
  void aNackInTheSubscribersSequenceSpaceIsAnsweredFromTheCache() throws Exception {
    PublishedTrack mic = alice.publisher().publish(UnitFixture.audio("mic", AUDIO_SSRC));
    bob.subscriber().subscribe(mic, new SubscriptionSpec(BOB_SSRC, 111, 0, -1));
    for (int i = 0; i < 5; i++) {
      alice.send(audio(40_000 + i).payload((byte) i).build());
    }
    List<RecordingOutput.Sent> sent = bob.output().takeRtp();
    RecordingOutput.Sent lost = sent.get(2);

    bob.send(rtcp(GenericNack.of(BOB_SSRC, BOB_SSRC, List.of(lost.sequence()))));

    List<RecordingOutput.Sent> again = bob.output().takeRtp();
    assertThat(again).hasSize(1);
    RecordingOutput.Sent resent = again.get(0);
    assertThat(resent.ssrc()).isEqualTo(BOB_SSRC);
    assertThat(resent.sequence()).isEqualTo(lost.sequence());
    assertThat(resent.timestamp()).isEqualTo(lost.timestamp());
    assertThat(resent.payload()).isEqualTo(lost.payload());
    assertThat(room.metrics.nackAnsweredCount()).isEqualTo(1);
  }

  @Test
  void withRtxTheRetransmissionCarriesTheOriginalSequenceNumberFirst() throws Exception {
    PublishedTrack camera = camera();
    bob.subscriber().subscribe(camera, new SubscriptionSpec(BOB_SSRC, 96, BOB_RTX_SSRC, 97));
    alice.send(video(1, true).build());
    alice.send(video(2, false).build());
    List<RecordingOutput.Sent> sent = bob.output().takeRtp();

    bob.send(
        rtcp(
            GenericNack.of(
                BOB_SSRC, BOB_SSRC, List.of(sent.get(0).sequence(), sent.get(1).sequence()))));

    List<RecordingOutput.Sent> rtx = bob.output().takeRtp();
    assertThat(rtx).hasSize(2);
    for (int i = 0; i < 2; i++) {
      RecordingOutput.Sent original = sent.get(i);
      RecordingOutput.Sent repair = rtx.get(i);
      assertThat(repair.ssrc()).isEqualTo(BOB_RTX_SSRC);
      assertThat(repair.payloadType()).isEqualTo(97);
      assertThat(repair.timestamp()).isEqualTo(original.timestamp());
      byte[] payload = repair.payload();
      assertThat((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)).isEqualTo(original.sequence());
      assertThat(java.util.Arrays.copyOfRange(payload, 2, payload.length))
          .isEqualTo(original.payload());
    }
    assertThat(rtx.get(1).sequence())
        .as("RTX numbers its own")
        .isEqualTo((rtx.get(0).sequence() + 1) & 0xFFFF);
  }

  @Test
  void aNackForAnEvictedOrNeverSentPacketIsAMiss() throws Exception {
    PublishedTrack mic = alice.publisher().publish(UnitFixture.audio("mic", AUDIO_SSRC));
    bob.subscriber().subscribe(mic, new SubscriptionSpec(BOB_SSRC, 111, 0, -1));
    for (int i = 0; i < PublishedTrack.AUDIO_CACHE + 10; i++) {
      alice.send(audio(i).build());
    }
    List<RecordingOutput.Sent> sent = bob.output().takeRtp();
    int evicted = sent.get(0).sequence();
    int kept = sent.get(sent.size() - 1).sequence();
    int never = (kept + 100) & 0xFFFF;

    bob.send(rtcp(GenericNack.of(BOB_SSRC, BOB_SSRC, List.of(evicted, never, kept))));
    bob.send(rtcp(GenericNack.of(BOB_SSRC, 0x0BAD, List.of(kept))));

    assertThat(bob.output().takeRtp())
        .extracting(RecordingOutput.Sent::sequence)
        .containsExactly(kept);
    assertThat(room.metrics.nackMissedCount()).isEqualTo(3);
    assertThat(room.metrics.nackAnsweredCount()).isEqualTo(1);
  }

  @Test
  void gapsFromThePublisherAreNackedUpstreamBoundedAndOnce() throws Exception {
    alice.publisher().publish(UnitFixture.audio("mic", AUDIO_SSRC));
    for (int sequence : new int[] {65_534, 65_535, 2}) { // 0 and 1 lost, across the wrap
      alice.send(audio(sequence).build());
    }
    room.unit.tick();
    assertThat(nacked()).as("a few ms could be reordering").isEmpty();
    room.clock.advanceMillis(10);
    room.unit.tick();
    assertThat(nacked()).containsExactly(List.of(0, 1));
    alice.send(audio(0).build());
    room.clock.advanceMillis(50);
    room.unit.tick();
    assertThat(nacked()).as("not again before an RTT").isEmpty();
    room.clock.advanceMillis(50);
    room.unit.tick();
    assertThat(nacked()).as("0 arrived").containsExactly(List.of(1));
    room.clock.advanceMillis(100);
    room.unit.tick();
    room.clock.advanceMillis(100);
    room.unit.tick();
    assertThat(nacked()).as("three asks in all").containsExactly(List.of(1));
    assertThat(room.metrics.nacksSentCount()).isEqualTo(3);
  }

  @Test
  void theRetransmissionAPublisherSendsAsRtxFillsTheGapForSubscribers() throws Exception {
    PublishedTrack camera = camera();
    bob.subscriber().subscribe(camera, new SubscriptionSpec(BOB_SSRC, 96, 0, -1));
    alice.send(video(1, true).build());
    alice.send(video(3, false).build());
    List<RecordingOutput.Sent> sent = bob.output().takeRtp();
    assertThat(sent).hasSize(2);

    byte[] original = Packets.vp8(false, 2);
    byte[] rtxPayload = new byte[original.length + 2];
    rtxPayload[1] = 2; // OSN
    System.arraycopy(original, 0, rtxPayload, 2, original.length);
    alice.send(
        Packets.rtp()
            .payloadType(97)
            .ssrc(CAMERA_RTX_SSRC)
            .sequence(900)
            .timestamp(6000)
            .payload(rtxPayload)
            .build());

    List<RecordingOutput.Sent> filled = bob.output().takeRtp();
    assertThat(filled).hasSize(1);
    assertThat(filled.get(0).ssrc()).isEqualTo(BOB_SSRC);
    assertThat(filled.get(0).payloadType()).isEqualTo(96);
    assertThat(filled.get(0).sequence()).isEqualTo((sent.get(0).sequence() + 1) & 0xFFFF);
    assertThat(filled.get(0).payload()).isEqualTo(original);
    room.clock.advanceMillis(20);
    room.unit.tick();
    assertThat(nacked()).as("nothing left to ask for").isEmpty();
  }

  private PublishedTrack camera() throws SfuLimitException {
    return alice
        .publisher()
        .publish(
            new TrackSpec(
                "camera",
                Codec.VP8,
                UnitFixture.VP8,
                97,
                "1",
                List.of(Encoding.ofSsrc(CAMERA_SSRC, CAMERA_RTX_SSRC))));
  }

  private static Packets.Rtp audio(int sequence) {
    return Packets.rtp().ssrc(AUDIO_SSRC).sequence(sequence & 0xFFFF).timestamp(960L * sequence);
  }

  private static Packets.Rtp video(int sequence, boolean keyFrame) {
    return Packets.rtp()
        .payloadType(UnitFixture.VP8)
        .ssrc(CAMERA_SSRC)
        .sequence(sequence)
        .timestamp(3000L * sequence)
        .payload(Packets.vp8(keyFrame, sequence));
  }

  private List<List<Integer>> nacked() {
    return alice.upstream().takeRtcp(GenericNack.class).stream()
        .peek(nack -> assertThat(nack.mediaSsrc()).isEqualTo(AUDIO_SSRC))
        .map(GenericNack::lostSequenceNumbers)
        .toList();
  }
}
