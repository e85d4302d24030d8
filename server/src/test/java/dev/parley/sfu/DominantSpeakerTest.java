package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DominantSpeakerTest {
  private static final int ALICE_SSRC = 0xA;
  private static final int CAROL_SSRC = 0xC;

  private final UnitFixture room = new UnitFixture();
  private final UnitFixture.Publishing alice = room.publisher("alice");
  private final UnitFixture.Publishing carol = room.publisher("carol");
  private int sequence;

  @AfterEach
  void close() {
    room.close();
  }

  @Test
  void theLoudestBecomesDominantOnlyAfterHoldingForTheHoldTime() throws Exception {
    alice.publisher().publish(UnitFixture.audio("mic", ALICE_SSRC));
    carol.publisher().publish(UnitFixture.audio("mic", CAROL_SSRC));

    speak(1_400, 30, 90);
    assertThat(room.speakerChanges).as("not yet held for 1.5 s").isEmpty();
    speak(200, 30, 90);
    assertThat(room.speakerChanges).containsExactly("alice");

    speak(1_000, 90, 20); // carol coughs for a second
    speak(1_000, 30, 127);
    assertThat(room.speakerChanges).as("a cough takes no stage").containsExactly("alice");

    speak(2_000, 127, 25);
    assertThat(room.speakerChanges).containsExactly("alice", "carol");
    assertThat(room.unit.dominantSpeaker()).isEqualTo("carol");
  }

  @Test
  void aSpeakerWhosePacketsStopIsSilent() throws Exception {
    alice.publisher().publish(UnitFixture.audio("mic", ALICE_SSRC));
    carol.publisher().publish(UnitFixture.audio("mic", CAROL_SSRC));
    speak(2_000, 20, 60);
    assertThat(room.speakerChanges).containsExactly("alice");
    // Alice mutes (no packets at all); carol, quieter, keeps talking.
    for (int elapsed = 0; elapsed < 2_500; elapsed += 20) {
      room.clock.advanceMillis(20);
      carol.send(packet(CAROL_SSRC, 60));
      room.unit.tick();
    }
    assertThat(room.speakerChanges).containsExactly("alice", "carol");
  }

  /** {@code millis} of 20 ms Opus frames from both, at these levels (-dBov, 127 silence). */
  private void speak(int millis, int aliceLevel, int carolLevel) {
    for (int elapsed = 0; elapsed < millis; elapsed += 20) {
      room.clock.advanceMillis(20);
      alice.send(packet(ALICE_SSRC, aliceLevel));
      carol.send(packet(CAROL_SSRC, carolLevel));
      room.unit.tick();
    }
  }

  private io.netty.buffer.ByteBuf packet(int ssrc, int level) {
    sequence++;
    return Packets.rtp()
        .ssrc(ssrc)
        .sequence(sequence)
        .timestamp(960L * sequence)
        .audioLevel(level)
        .build();
  }
}
