package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceNumbersTest {
  @Test
  void deltaTakesTheShortWayRoundTheWrap() {
    assertThat(SequenceNumbers.delta(2, 65534)).isEqualTo(4);
    assertThat(SequenceNumbers.delta(65534, 2)).isEqualTo(-4);
    assertThat(SequenceNumbers.delta(100, 100)).isZero();
    assertThat(SequenceNumbers.delta(32767, 0)).isEqualTo(32767);
    assertThat(SequenceNumbers.delta(32768, 0)).isEqualTo(-32768);
  }

  @Test
  void newerAndAddFollowTheWrap() {
    assertThat(SequenceNumbers.isNewer(0, 65535)).isTrue();
    assertThat(SequenceNumbers.isNewer(65535, 0)).isFalse();
    assertThat(SequenceNumbers.isNewer(7, 7)).isFalse();
    assertThat(SequenceNumbers.add(65535, 1)).isZero();
    assertThat(SequenceNumbers.add(0, -1)).isEqualTo(65535);
  }

  @Test
  void extendedNumbersCountTheWrapsAndPlaceLatePackets() {
    SequenceNumbers.Extender extender = new SequenceNumbers.Extender();
    assertThat(extender.highest()).isEqualTo(-1);
    assertThat(extender.extend(65534)).isEqualTo(65534);
    assertThat(extender.extend(1)).isEqualTo(65537);
    assertThat(extender.extend(65535)).as("late, from before the wrap").isEqualTo(65535);
    assertThat(extender.highest()).isEqualTo(65537);
    for (int step = 0; step < 3 * 65536; step += 1000) {
      extender.extend((65537 + step) & 0xFFFF);
    }
    assertThat(extender.highest()).isEqualTo(65537 + 196000);
  }

  @Test
  void aPacketFromBeforeTheFirstAcrossAWrapExtendsBelowZero() {
    SequenceNumbers.Extender extender = new SequenceNumbers.Extender();
    extender.extend(3);
    assertThat(extender.extend(65533)).isEqualTo(-3);
    assertThat(extender.highest()).isEqualTo(3);
  }
}
