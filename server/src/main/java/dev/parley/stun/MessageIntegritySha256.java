package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): HMAC-SHA256 over the message up to this attribute,
 * possibly truncated to 16..32 bytes in steps of 4 where a usage allows it.
 */
public record MessageIntegritySha256(Bytes hmac) implements StunAttribute {
  static final int MIN_LENGTH = 16;
  static final int MAX_LENGTH = 32;

  public MessageIntegritySha256 {
    if (!validLength(hmac.length())) {
      throw new IllegalArgumentException(
          "MESSAGE-INTEGRITY-SHA256 is 16 to 32 bytes in steps of 4, not " + hmac.length());
    }
  }

  public MessageIntegritySha256(byte[] hmac) {
    this(Bytes.copyOf(hmac));
  }

  private static boolean validLength(int length) {
    return length >= MIN_LENGTH && length <= MAX_LENGTH && length % 4 == 0;
  }

  static MessageIntegritySha256 decode(ByteBuffer value) throws StunParseException {
    if (!validLength(value.remaining())) {
      throw new StunParseException(
          "MESSAGE-INTEGRITY-SHA256: value is "
              + value.remaining()
              + " bytes, not 16 to 32 in steps of 4");
    }
    return new MessageIntegritySha256(Bytes.copyOf(value));
  }

  @Override
  public int type() {
    return AttributeType.MESSAGE_INTEGRITY_SHA256.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return hmac.toByteArray();
  }
}
