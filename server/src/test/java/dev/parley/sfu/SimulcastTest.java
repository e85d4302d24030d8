package dev.parley.sfu;

import static dev.parley.sfu.UnitFixture.LAYER_SSRCS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.FullIntraRequest;
import dev.parley.rtp.PictureLossIndication;
import dev.parley.rtp.Remb;
import dev.parley.rtp.RtcpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulcastTest {
  private static final int BOB_SSRC = 0x7000;

  private final UnitFixture room = new UnitFixture();
  private final int[] sequences = {100, 20_000, 65_000};

  /** Each layer numbers its pictures on its own, as libwebrtc's simulcast encoders do. */
  private final int[] pictureIds = {1, 5_000, 32_760};

  private UnitFixture.Publishing alice;
  private UnitFixture.Receiving bob;
  private Subscription subscription;

  @BeforeEach
  void publishAndSubscribe() throws Exception {
    alice = room.publisher("alice");
    PublishedTrack camera = alice.publisher().publish(UnitFixture.simulcast("camera"));
    // Every layer is being sent before bob arrives.
    for (int layer = 0; layer < 3; layer++) {
      send(layer, false);
    }
    bob = room.subscriber("bob");
    subscription = bob.subscriber().subscribe(camera, new SubscriptionSpec(BOB_SSRC, 96, 0, -1));
  }

  @AfterEach
  void close() {
    room.close();
  }

  @Test
  void aSubscriberStartsAtTheLowestLayersNextKeyFrameWhichIsAskedForAtOnce() {
    assertThat(keyFramesAskedFor()).containsExactly(LAYER_SSRCS[0]);
    send(0, false);
    send(1, true);
    assertThat(bob.output().takeRtp()).as("nothing before layer 0's key frame").isEmpty();
    send(0, true);
    send(0, false);
    assertThat(bob.output().takeRtp()).hasSize(2);
    assertThat(subscription.currentLayer()).isZero();
  }

  @Test
  void aLayerSwitchWaitsForTheTargetsKeyFrameAndKeepsSequenceNumbersRunning() {
    startOnLayer(0);
    remb(10_000_000);
    runFor(2_100);
    assertThat(subscription.targetLayer()).isEqualTo(1);
    assertThat(keyFramesAskedFor()).as("the new target's key frame").contains(LAYER_SSRCS[1]);
    int last = lastSequence(bob.output().takeRtp());

    send(1, false);
    send(0, false);
    List<RecordingOutput.Sent> before = bob.output().takeRtp();
    assertThat(before).as("still layer 0 until layer 1's key frame").hasSize(1);
    assertThat(before.get(0).sequence()).isEqualTo((last + 1) & 0xFFFF);
    assertThat(subscription.currentLayer()).as("a delta frame is no place to switch").isZero();

    send(1, true);
    send(0, false);
    send(1, false);
    List<RecordingOutput.Sent> after = bob.output().takeRtp();
    assertThat(after).as("layer 1 only, from its key frame").hasSize(2);
    assertThat(after.get(0).sequence()).isEqualTo((last + 2) & 0xFFFF);
    assertThat(after.get(1).sequence()).isEqualTo((last + 3) & 0xFFFF);
    assertThat(after).extracting(RecordingOutput.Sent::ssrc).containsOnly(BOB_SSRC);
    assertThat(subscription.currentLayer()).isEqualTo(1);
    assertThat(room.metrics.layerSwitchCount()).isEqualTo(1);
    int lastPicture = pictureId(before.get(0));
    assertThat(pictureId(after.get(0))).as("VP8 picture ids run on too").isEqualTo(lastPicture + 1);
    assertThat(pictureId(after.get(1))).isEqualTo(lastPicture + 2);
    assertThat(after.get(0).payload()[4])
        .as("TL0PICIDX continues one past layer 0's")
        .isEqualTo((byte) (before.get(0).payload()[4] + 1));
  }

  @Test
  void rembDownSwitchesAtOnceAndUpSwitchesOnlyAfterHoldingAboveTheNextLayer() {
    startOnLayer(0);
    remb(2_000_000);
    runFor(2_100);
    switchNow();
    assertThat(subscription.currentLayer()).isEqualTo(1);

    remb(400_000); // below layer 1's 500 kbit/s
    tick();
    assertThat(subscription.targetLayer()).as("down at once").isZero();

    remb(560_000); // covers layer 1, but not with the margin
    runFor(3_000);
    assertThat(subscription.targetLayer()).as("no up-switch without the margin").isZero();

    remb(700_000);
    runFor(1_000);
    remb(560_000); // dips: the hold starts over
    tick();
    remb(700_000);
    runFor(1_900);
    assertThat(subscription.targetLayer()).as("the hold restarted at the dip").isZero();
    runFor(200);
    assertThat(subscription.targetLayer()).isEqualTo(1);
  }

  @Test
  void theRenderSizeCapsTheLayerWhateverTheBandwidth() {
    startOnLayer(0);
    subscription.preferredSize(320, 180);
    remb(50_000_000);
    runFor(6_000);
    assertThat(subscription.targetLayer()).isZero();

    subscription.preferredSize(1000, 560);
    runFor(2_100);
    assertThat(subscription.targetLayer()).isEqualTo(1);
    runFor(2_100);
    assertThat(subscription.targetLayer()).isEqualTo(2);

    subscription.preferredSize(640, 360);
    tick();
    assertThat(subscription.targetLayer()).as("a smaller tile goes down at once").isEqualTo(1);
    subscription.maxLayer(0);
    tick();
    assertThat(subscription.targetLayer()).isZero();
  }

  @Test
  void aLayerThePublisherStoppedSendingIsLeft() {
    startOnLayer(0);
    remb(50_000_000);
    for (int i = 0; i < 30; i++) { // 3 s of only layers 0 and 2
      send(0, false);
      send(2, false);
      room.clock.advanceMillis(100);
      tick();
    }
    assertThat(subscription.targetLayer()).as("up past the silent layer 1").isEqualTo(2);
  }

  @Test
  void keyFrameRequestsAreThrottledPerLayer() {
    assertThat(keyFramesAskedFor()).containsExactly(LAYER_SSRCS[0]);
    bob.send(rtcp(new PictureLossIndication(BOB_SSRC, BOB_SSRC)));
    room.clock.advanceMillis(400);
    bob.send(
        rtcp(new FullIntraRequest(BOB_SSRC, List.of(new FullIntraRequest.Entry(BOB_SSRC, 1)))));
    assertThat(keyFramesAskedFor()).as("within 500 ms of the last").isEmpty();
    room.clock.advanceMillis(100);
    bob.send(rtcp(new PictureLossIndication(BOB_SSRC, BOB_SSRC)));
    assertThat(keyFramesAskedFor()).containsExactly(LAYER_SSRCS[0]);
    bob.send(rtcp(new PictureLossIndication(BOB_SSRC, 0x0BAD)));
    room.clock.advanceMillis(600);
    assertThat(keyFramesAskedFor()).as("a PLI for no stream of bob's").isEmpty();
    assertThat(room.metrics.keyFrameRequestCount()).isEqualTo(2);
  }

  /** Layer 0's key frame reaches bob and the requests so far are forgotten. */
  private void startOnLayer(int layer) {
    send(layer, true);
    assertThat(subscription.currentLayer()).isEqualTo(layer);
    alice.upstream().takeRtcp();
  }

  /** Ticks until the target layer's key frame has been asked for, then sends it. */
  private void switchNow() {
    send(subscription.targetLayer(), true);
  }

  /** {@code millis} of all three layers at 10 packets a second each, ticking every 100 ms. */
  private void runFor(int millis) {
    for (int elapsed = 0; elapsed < millis; elapsed += 100) {
      for (int layer = 0; layer < 3; layer++) {
        send(layer, false);
      }
      room.clock.advanceMillis(100);
      tick();
    }
  }

  private void tick() {
    room.unit.tick();
  }

  private void send(int layer, boolean keyFrame) {
    alice.send(
        Packets.rtp()
            .payloadType(UnitFixture.VP8)
            .ssrc(LAYER_SSRCS[layer])
            .sequence(sequences[layer]++ & 0xFFFF)
            .timestamp(3000L * pictureIds[layer])
            .payload(Packets.vp8(keyFrame, pictureIds[layer]++ & 0x7FFF))
            .build());
  }

  private void remb(long bitrate) {
    bob.send(rtcp(new Remb(BOB_SSRC, bitrate, List.of(BOB_SSRC))));
  }

  private List<Integer> keyFramesAskedFor() {
    return alice.upstream().takeRtcp(PictureLossIndication.class).stream()
        .map(PictureLossIndication::mediaSsrc)
        .toList();
  }

  /** The 15-bit picture id of a packet built by {@link Packets#vp8}. */
  private static int pictureId(RecordingOutput.Sent sent) {
    return (sent.payload()[2] & 0x7F) << 8 | (sent.payload()[3] & 0xFF);
  }

  private static int lastSequence(List<RecordingOutput.Sent> sent) {
    assertThat(sent).isNotEmpty();
    return sent.get(sent.size() - 1).sequence();
  }

  static ByteBuf rtcp(RtcpPacket... packets) {
    ByteBuf out = Unpooled.buffer();
    RtcpPacket.writeCompound(List.of(packets), out);
    return out;
  }
}
