package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.config.ConfigLoader;
import dev.parley.rtp.Remb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SfuLimitsTest {
  private final UnitFixture room = new UnitFixture(new SfuLimits(2, 800_000));

  @AfterEach
  void close() {
    room.close();
  }

  @Test
  void aTrackPastTheLimitIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
    UnitFixture.Publishing alice = room.publisher("alice");
    alice.publisher().publish(UnitFixture.audio("mic", 1));
    alice.publisher().publish(UnitFixture.simulcast("camera"));
    assertThatThrownBy(() -> alice.publisher().publish(UnitFixture.audio("mic2", 2)))
        .isInstanceOf(SfuLimitException.class)
        .hasMessage(
            "participant alice already publishes 2 tracks, the most one may"
                + " (media-max-tracks-per-participant is 2)");
    assertThat(alice.publisher().tracks())
        .extracting(PublishedTrack::id)
        .containsExactly("mic", "camera");
    alice.send(Packets.rtp().ssrc(2).sequence(1).build());
    assertThat(room.metrics.droppedCount(Drop.UNKNOWN_SSRC)).isEqualTo(1);
  }

  @Test
  void theSettingsGiveTheLimits() {
    assertThat(SfuLimits.of(ConfigLoader.load(Map.of(), Map.of()).media()))
        .isEqualTo(new SfuLimits(4, 6_000_000));
    assertThat(
            SfuLimits.of(
                ConfigLoader.load(
                        Map.of(
                            "media-max-tracks-per-participant", "2",
                            "media-max-publisher-bitrate", "800000"),
                        Map.of())
                    .media()))
        .isEqualTo(new SfuLimits(2, 800_000));
  }

  @Test
  void anSsrcAlreadySentIsRefused() throws Exception {
    UnitFixture.Publishing alice = room.publisher("alice");
    alice.publisher().publish(UnitFixture.audio("mic", 1));
    assertThatThrownBy(() -> alice.publisher().publish(UnitFixture.audio("mic2", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("participant alice already sends SSRC 1");
  }

  @Test
  void thePublishersCapIsToldByRembAndWhatIsFarOverItIsDropped() throws Exception {
    UnitFixture.Publishing alice = room.publisher("alice");
    alice.publisher().publish(UnitFixture.simulcast("camera"));
    alice.send(
        Packets.rtp()
            .payloadType(UnitFixture.VP8)
            .ssrc(UnitFixture.LAYER_SSRCS[0])
            .sequence(1)
            .payload(Packets.vp8(true, 1))
            .build());
    room.unit.tick();
    List<Remb> rembs = alice.upstream().takeRtcp(Remb.class);
    assertThat(rembs).hasSize(1);
    assertThat(rembs.get(0).bitrate()).isEqualTo(800_000);
    assertThat(rembs.get(0).ssrcs())
        .containsExactly(
            UnitFixture.LAYER_SSRCS[0], UnitFixture.LAYER_SSRCS[1], UnitFixture.LAYER_SSRCS[2]);

    // 1,000 bytes a packet: twice 800 kbit/s is 200 packets within a second.
    for (int i = 0; i < 250; i++) {
      alice.send(
          Packets.rtp()
              .payloadType(UnitFixture.VP8)
              .ssrc(UnitFixture.LAYER_SSRCS[0])
              .sequence(2 + i)
              .payload(new byte[988])
              .build());
    }
    assertThat(room.metrics.droppedCount(Drop.OVER_BITRATE)).isBetween(40L, 60L);
    room.clock.advanceMillis(1_000);
    alice.send(
        Packets.rtp()
            .payloadType(UnitFixture.VP8)
            .ssrc(UnitFixture.LAYER_SSRCS[0])
            .sequence(300)
            .payload(new byte[988])
            .build());
    assertThat(room.metrics.droppedCount(Drop.OVER_BITRATE)).as("a new second").isBetween(40L, 60L);
    room.unit.tick();
    assertThat(alice.upstream().takeRtcp(Remb.class)).as("repeated every second").hasSize(1);
  }

  @Test
  void aParticipantThatLeavesTakesItsTracksAndSubscriptionsAlong() throws Exception {
    UnitFixture.Publishing alice = room.publisher("alice");
    PublishedTrack mic = alice.publisher().publish(UnitFixture.audio("mic", 1));
    UnitFixture.Receiving bob = room.subscriber("bob");
    Subscription subscription =
        bob.subscriber().subscribe(mic, new SubscriptionSpec(9, 111, 0, -1));
    room.unit.remove("alice");
    assertThat(mic.isClosed()).isTrue();
    assertThat(bob.subscriber().subscriptions()).doesNotContain(subscription);
    alice.send(Packets.rtp().ssrc(1).sequence(1).build());
    assertThat(bob.output().takeRtp()).isEmpty();
    assertThatThrownBy(() -> bob.subscriber().subscribe(mic, new SubscriptionSpec(9, 111, 0, -1)))
        .isInstanceOf(IllegalStateException.class);
  }
}
