package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message up to this attribute. Built by
 * {@link StunMessage#withMessageIntegrity} and checked by {@link
 * StunMessage#hasValidMessageIntegrity}.
 */
public record MessageIntegrity(Bytes hmac) implements StunAttribute {
  static final int LENGTH = 20;

  public MessageIntegrity {
    if (hmac.length() != LENGTH) {
      throw new IllegalArgumentException(
          "MESSAGE-INTEGRITY is " + LENGTH + " bytes, not " + hmac.length());
    }
  }

  public MessageIntegrity(byte[] hmac) {
    this(Bytes.copyOf(hmac));
  }

  static MessageIntegrity decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.MESSAGE_INTEGRITY, value, LENGTH);
    return new MessageIntegrity(Bytes.copyOf(value));
  }

  @Override
  public int type() {
    return AttributeType.MESSAGE_INTEGRITY.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return hmac.toByteArray();
  }
}
