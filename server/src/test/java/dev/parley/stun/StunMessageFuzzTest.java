package dev.parley.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class StunMessageFuzzTest {
  private static final byte[] KEY = IntegrityKeys.shortTerm("VOkJxbRl1RmTxUk/WvJxBt");

  /**
   * Any bytes either decode or are rejected with StunParseException, nothing else; what decodes
   * re-encodes to bytes that decode to an equal message and re-encode identically.
   */
  @FuzzTest
  void decodeThenEncodeRoundTrips(byte[] datagram) {
    StunMessage message;
    try {
      message = StunMessage.decode(datagram);
    } catch (StunParseException rejected) {
      return;
    }
    byte[] encoded = message.encode();
    StunMessage again = Fuzzing.decodeOwnOutput(StunMessage::decode, encoded);
    assertEquals(message, again);
    assertArrayEquals(encoded, again.encode());
    // Verification reads the received bytes at the offsets decoding recorded: it must not throw
    // either.
    message.hasValidMessageIntegrity(KEY);
    message.hasValidMessageIntegritySha256(KEY);
    message.hasValidFingerprint();
    message.unknownComprehensionRequired();
  }
}
