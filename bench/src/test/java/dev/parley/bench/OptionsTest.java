package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsToAWindowedRunOfAHundredPeers() {
    Options options = Options.parse();

    assertThat(options.peers()).isEqualTo(100);
    assertThat(options.maxRate()).isTrue();
    assertThat(options.window()).isEqualTo(64);
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void takesValuesAfterASpaceOrAnEqualsSign() {
    Options options =
        Options.parse("--peers", "1000", "--rate=25000", "--warmup", "500ms", "--duration=1.5");

    assertThat(options.peers()).isEqualTo(1000);
    assertThat(options.rate()).isEqualTo(25000);
    assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void refusesWhatWouldNotEnd() {
    assertThatThrownBy(() -> Options.parse("--peers", "3"))
        .hasMessageContaining("--peers must be a multiple of");
    assertThatThrownBy(() -> Options.parse("--duration", "90m"))
        .hasMessageContaining("--duration must be");
    assertThatThrownBy(() -> Options.parse("--warmup", "soon"))
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> Options.parse("--rounds", "2"))
        .hasMessageContaining("unknown option --rounds");
  }

  @Test
  void idleStepsSplitThePeersIntoWholeRooms() {
    Options options = Options.parse("--scenario", "idle", "--peers", "10", "--steps", "3");

    // 5 rooms in 3 batches: 1, 2 and 2 rooms.
    assertThat(options.peersAfterStep(1)).isEqualTo(2);
    assertThat(options.peersAfterStep(2)).isEqualTo(6);
    assertThat(options.peersAfterStep(3)).isEqualTo(10);
    assertThat(options.withPeers(4).steps()).isEqualTo(1);
    assertThatThrownBy(() -> Options.parse("--scenario", "idle", "--peers", "10", "--steps", "6"))
        .hasMessageContaining("--steps must be at most the number of rooms (5)");
    assertThatThrownBy(() -> Options.parse("--scenario", "idle", "--steps", "21"))
        .hasMessageContaining("1 to 20");
    assertThatThrownBy(() -> Options.parse("--steps", "2"))
        .hasMessageContaining("for the idle scenario");
  }

  @Test
  void fanOutRoomsHoldEightPeersAndSpeakParleyOnly() {
    Options options = Options.parse("--scenario", "fanout", "--peers", "80");

    assertThat(options.roomSize()).isEqualTo(8);
    assertThat(options.rooms()).isEqualTo(10);
    assertThatThrownBy(() -> Options.parse("--scenario", "fanout", "--peers", "12"))
        .hasMessageContaining("multiple of the room size (8)");
    assertThatThrownBy(() -> Options.parse("--scenario", "fanout", "--protocol", "peerjs"))
        .hasMessageContaining("--protocol parley");
    assertThatThrownBy(() -> Options.parse("--room-size", "4"))
        .hasMessageContaining("for the fanout scenario");
  }

  @Test
  void namesTheServersProtocol() {
    assertThat(Options.parse().protocol()).isInstanceOf(Protocol.Parley.class);
    assertThat(Options.parse("--protocol", "PeerJS").protocol())
        .isInstanceOf(Protocol.PeerJs.class);
    assertThatThrownBy(() -> Options.parse("--protocol", "socket.io"))
        .hasMessageContaining("parley or peerjs");
    assertThatThrownBy(() -> Options.parse("--scenario", "soak"))
        .hasMessageContaining("relay, idle or fanout");
  }

  @Test
  void helpIsNotARun() {
    assertThat(Options.parse("--help")).isNull();
  }
}
