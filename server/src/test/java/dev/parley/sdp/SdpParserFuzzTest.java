package dev.parley.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class SdpParserFuzzTest {
  /**
   * Any bytes, read as UTF-8, either parses or is rejected with SdpParseException, nothing else;
   * what parses writes to text that parses to an equal description and writes identically.
   */
  @FuzzTest
  void parseThenWriteRoundTrips(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    SessionDescription sdp;
    try {
      sdp = SdpParser.parse(text);
    } catch (SdpParseException rejected) {
      return;
    }
    String written = SdpWriter.write(sdp);
    SessionDescription again;
    try {
      again = SdpParser.parse(written);
    } catch (SdpParseException e) {
      throw new AssertionError("the writer's own output does not parse: " + e.getMessage(), e);
    }
    assertEquals(sdp, again);
    assertEquals(written, SdpWriter.write(again));
  }
}
