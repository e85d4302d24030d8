package dev.parley.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.http.TurnDetector.Verdict;
import dev.parley.http.TurnDetectorTest.Recorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.Arrays;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class TurnDetectorFuzzTest {
  /**
   * Any first bytes of a web port connection, arriving in chunks of any size (the first input
   * byte): at most one protocol gets the connection, it gets every byte in order, and the choice is
   * the one the bytes themselves call for.
   */
  @FuzzTest
  void sortsAnyFirstBytes(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int chunk = 1 + (input[0] & 0x0F);
    byte[] stream = Arrays.copyOfRange(input, 1, input.length);
    Recorder turn = new Recorder();
    Recorder other = new Recorder();
    EmbeddedChannel channel =
        new EmbeddedChannel(new TurnDetector(Duration.ofSeconds(10), turn, other));
    for (int at = 0; at < stream.length; at += chunk) {
      channel.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(chunk, stream.length - at)));
    }

    Verdict expected = TurnDetector.verdict(Unpooled.wrappedBuffer(stream));
    assertFalse(turn.added && other.added, "both protocols got the connection");
    switch (expected) {
      case TURN -> assertArrayEquals(stream, turn.received());
      case OTHER -> assertArrayEquals(stream, other.received());
      case UNDECIDED -> {
        assertFalse(turn.added || other.added, "a protocol got an undecided connection");
        assertTrue(stream.length < TurnDetector.BYTES_NEEDED, "undecided after enough bytes");
      }
    }
    if (expected != Verdict.UNDECIDED) {
      assertNull(
          channel.pipeline().get(TurnDetector.class), "the detector stayed after its verdict");
    }
    channel.finishAndReleaseAll();
  }
}
