package dev.parley.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class ChannelDataFuzzTest {
  /** Any bytes decode or are rejected; what decodes survives both encodings. */
  @FuzzTest
  void decodeThenEncodeRoundTrips(byte[] packet) {
    ChannelData channelData;
    try {
      channelData = ChannelData.decode(packet);
    } catch (StunParseException rejected) {
      return;
    }
    assertEquals(channelData, Fuzzing.decodeOwnOutput(ChannelData::decode, channelData.encode()));
    assertEquals(
        channelData, Fuzzing.decodeOwnOutput(ChannelData::decode, channelData.encodePadded()));
  }
}
