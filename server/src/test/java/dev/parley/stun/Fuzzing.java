package dev.parley.stun;

/** Shared by the fuzz targets: the codec must always decode its own output. */
final class Fuzzing {
  @FunctionalInterface
  interface Decoder<T> {
    T decode(byte[] bytes) throws StunParseException;
  }

  private Fuzzing() {}

  static <T> T decodeOwnOutput(Decoder<T> decoder, byte[] encoded) {
    try {
      return decoder.decode(encoded);
    } catch (StunParseException e) {
      throw new AssertionError("the codec's own encoding does not decode: " + e.getMessage(), e);
    }
  }
}
