package dev.parley.stun;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks and conversions shared by the attribute records' decoders and constructors. */
final class Values {
  /**
   * The longest text value accepted: RFC 8489 has receivers parse USERNAME, REALM, NONCE, SOFTWARE
   * and reason phrases of up to 763 bytes (§14.3, §14.8–14.10, §14.14). Constructors allow the
   * same, so that anything decoded can be rebuilt.
   */
  static final int MAX_TEXT_BYTES = 763;

  private Values() {}

  static void requireLength(AttributeType type, ByteBuffer value, int expected)
      throws StunParseException {
    if (value.remaining() != expected) {
      throw new StunParseException(
          type.rfcName + ": value is " + value.remaining() + " bytes, expected " + expected);
    }
  }

  static byte[] bytes(ByteBuffer value) {
    byte[] bytes = new byte[value.remaining()];
    value.get(bytes);
    return bytes;
  }

  /** Strict UTF-8: malformed input is an error rather than replacement characters. */
  static String text(AttributeType type, ByteBuffer value) throws StunParseException {
    if (value.remaining() > MAX_TEXT_BYTES) {
      throw new StunParseException(
          type.rfcName
              + ": value is "
              + value.remaining()
              + " bytes, longer than "
              + MAX_TEXT_BYTES);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(value)
          .toString();
    } catch (CharacterCodingException e) {
      throw new StunParseException(type.rfcName + ": value is not valid UTF-8");
    }
  }

  /** The UTF-8 bytes of a text field, rejecting what {@link #text} would not read back. */
  static byte[] utf8(AttributeType type, String text) {
    if (text == null) {
      throw new NullPointerException(type.rfcName + " text is required");
    }
    ByteBuffer encoded;
    try {
      encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(type.rfcName + " text has an unpaired surrogate");
    }
    if (encoded.remaining() > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException(
          type.rfcName
              + " text is "
              + encoded.remaining()
              + " UTF-8 bytes, longer than "
              + MAX_TEXT_BYTES);
    }
    return bytes(encoded);
  }

  /**
   * The class and number of ERROR-CODE and ADDRESS-ERROR-CODE (RFC 8489 §14.8): the hundreds digit
   * in the low three bits of the third byte, the rest in the fourth. The bits before are reserved
   * and ignored.
   */
  static int errorCode(AttributeType type, ByteBuffer value) throws StunParseException {
    if (value.remaining() < 4) {
      throw new StunParseException(
          type.rfcName + ": value is " + value.remaining() + " bytes, shorter than 4");
    }
    int errorClass = value.get(value.position() + 2) & 0x07;
    int number = value.get(value.position() + 3) & 0xFF;
    if (errorClass < 3 || errorClass > 6) {
      throw new StunParseException(
          type.rfcName + ": class " + errorClass + " is not between 3 and 6");
    }
    if (number > 99) {
      throw new StunParseException(
          type.rfcName + ": number " + number + " is not between 0 and 99");
    }
    return errorClass * 100 + number;
  }

  static void requireErrorCode(AttributeType type, int code) {
    if (code < 300 || code > 699) {
      throw new IllegalArgumentException(
          type.rfcName + " code must be between 300 and 699: " + code);
    }
  }

  static void requireUnsigned(AttributeType type, long value, int bits) {
    if (value < 0 || value >>> bits != 0) {
      throw new IllegalArgumentException(
          type.rfcName + " value must fit in " + bits + " unsigned bits: " + value);
    }
  }
}
