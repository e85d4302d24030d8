package dev.parley.sfu;

import static dev.parley.sfu.UnitFixture.AUDIO_SSRC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.PictureLossIndication;
import dev.parley.rtp.SenderReport;
import dev.parley.rtp.SourceDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForwardingTest {
  private final UnitFixture room = new UnitFixture();

  @AfterEach
  void close() {
    room.close();
  }

  @Test
  void forwardsEachPacketToEverySubscriberUnderItsOwnSsrcAndSequence() throws Exception {
    UnitFixture.Publishing alice = room.publisher("alice");
    PublishedTrack mic = alice.publisher().publish(UnitFixture.audio("mic", AUDIO_SSRC));
    List<UnitFixture.Receiving> listeners = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UnitFixture.Receiving listener = room.subscriber("listener-" + i);
      listener.subscriber().subscribe(mic, new SubscriptionSpec(0x5000 + i, 109, 0, -1));
      listeners.add(listener);
    }
    for (int i = 0; i < 5; i++) {
      alice.send(
          Packets.rtp()
              .ssrc(AUDIO_SSRC)
              .sequence(65_533 + i)
              .timestamp(960L * i)
              .audioLevel(30)
              .transportCc(700 + i)
              .payload((byte) i, (byte) 0xAB)
              .build());
      room.clock.advanceMillis(20);
    }
    for (int i = 0; i < 3; i++) {
      List<RecordingOutput.Sent> sent = listeners.get(i).output().takeRtp();
      assertThat(sent).hasSize(5);
      int first = sent.get(0).sequence();
      for (int j = 0; j < 5; j++) {
        RecordingOutput.Sent packet = sent.get(j);
        assertThat(packet.ssrc()).isEqualTo(0x5000 + i);
        assertThat(packet.payloadType()).as("the subscriber's payload type").isEqualTo(109);
        assertThat(packet.sequence()).isEqualTo((first + j) & 0xFFFF);
        assertThat(packet.timestamp() - sent.get(0).timestamp()).isEqualTo(960L * j);
        assertThat(packet.payload()).containsExactly(j, 0xAB);
        assertThat(packet.transportSequence())
            .as("numbered on the subscriber's transport, not the publisher's")
            .isEqualTo(j);
      }
    }
    assertThat(room.metrics.forwardedCount()).isEqualTo(15);
    assertThat(alice.upstream().takeRtcp(PictureLossIndication.class))
        .as("audio needs no key frame")
        .isEmpty();
  }

  @Test
  void malformedRtpAndRtcpAreDroppedCountedAndChangeNothing() throws Exception {
    UnitFixture.Publishing alice = room.publisher("alice");
    PublishedTrack mic = alice.publisher().publish(UnitFixture.audio("mic", AUDIO_SSRC));
    UnitFixture.Receiving bob = room.subscriber("bob");
    bob.subscriber().subscribe(mic, new SubscriptionSpec(0x5000, 111, 0, -1));
    alice.send(Packets.rtp().ssrc(AUDIO_SSRC).sequence(10).build());
    alice.send(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0x6f, 0, 11, 0, 0}));
    alice.send(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 0xc9, 0, 7}));
    alice.send(Packets.rtp().ssrc(0x0BAD).sequence(12).build());
    bob.send(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0xcd, 0, 9, 1}));
    bob.send(Packets.rtp().ssrc(0x5000).sequence(1).build());
    ByteBuf duplicate = Packets.rtp().ssrc(AUDIO_SSRC).sequence(10).build();
    alice.send(duplicate);
    alice.send(Packets.rtp().ssrc(AUDIO_SSRC).sequence(11).build());

    List<RecordingOutput.Sent> sent = bob.output().takeRtp();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).sequence()).isEqualTo((sent.get(0).sequence() + 1) & 0xFFFF);
    assertThat(room.metrics.droppedCount(Drop.MALFORMED_RTP)).isEqualTo(1);
    assertThat(room.metrics.droppedCount(Drop.MALFORMED_RTCP)).isEqualTo(3);
    assertThat(room.metrics.droppedCount(Drop.UNKNOWN_SSRC)).isEqualTo(1);
    assertThat(room.metrics.droppedCount(Drop.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void aPublishersSenderReportReachesSubscribersInTheirOwnTerms() throws Exception {
    UnitFixture.Publishing alice = room.publisher("alice");
    PublishedTrack mic = alice.publisher().publish(UnitFixture.audio("mic", AUDIO_SSRC));
    UnitFixture.Receiving bob = room.subscriber("bob");
    bob.subscriber().subscribe(mic, new SubscriptionSpec(0x5000, 111, 0, -1));
    alice.send(SimulcastTest.rtcp(new SenderReport(AUDIO_SSRC, 1L << 40, 960, 1, 4, List.of())));
    assertThat(bob.output().takeRtcp()).as("nothing forwarded yet, nothing to map").isEmpty();
    for (int i = 0; i < 3; i++) {
      alice.send(Packets.rtp().ssrc(AUDIO_SSRC).sequence(i).timestamp(960L * i).build());
    }
    long firstOut = bob.output().takeRtp().get(0).timestamp();
    alice.send(
        SimulcastTest.rtcp(
            new SenderReport(AUDIO_SSRC, 1L << 40, 4 * 960, 4, 16, List.of()),
            new SourceDescription(List.of())));

    assertThat(bob.output().takeRtcp())
        .containsExactly(new SenderReport(0x5000, 1L << 40, firstOut + 4 * 960, 3, 12, List.of()));
  }

  @Test
  void learnsTheSsrcsOfLayersKnownOnlyByRid() throws Exception {
    UnitFixture.Publishing alice = room.publisher("alice");
    List<Encoding> layers =
        List.of(
            new Encoding("q", 0, 0, 150_000, 320, 180), new Encoding("h", 0, 0, 500_000, 640, 360));
    PublishedTrack camera =
        alice
            .publisher()
            .publish(new TrackSpec("camera", Codec.VP8, UnitFixture.VP8, -1, "1", layers));
    UnitFixture.Receiving bob = room.subscriber("bob");
    bob.subscriber().subscribe(camera, new SubscriptionSpec(0x7000, 96, 0, -1));
    alice.send(
        Packets.rtp()
            .payloadType(UnitFixture.VP8)
            .ssrc(0xA1)
            .sequence(1)
            .text(Packets.MID_ID, "1")
            .text(Packets.RID_ID, "q")
            .payload(Packets.vp8(true, 1))
            .build());
    alice.send(
        Packets.rtp()
            .payloadType(UnitFixture.VP8)
            .ssrc(0xA1)
            .sequence(2)
            .payload(Packets.vp8(false, 2))
            .build());
    alice.send(
        Packets.rtp()
            .payloadType(UnitFixture.VP8)
            .ssrc(0xB2)
            .sequence(1)
            .text(Packets.MID_ID, "2")
            .text(Packets.RID_ID, "q")
            .payload(Packets.vp8(true, 1))
            .build());

    assertThat(bob.output().takeRtp())
        .extracting(RecordingOutput.Sent::ssrc)
        .containsExactly(0x7000, 0x7000);
    assertThat(room.metrics.droppedCount(Drop.UNKNOWN_SSRC)).as("mid 2 is no track").isEqualTo(1);
    assertThat(camera.streams[0].ssrc).isEqualTo(0xA1);
  }
}
