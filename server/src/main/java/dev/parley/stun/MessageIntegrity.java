package dev.parley.stun;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message up to this attribute. Built by
 * {@link StunMessage#withMessageIntegrity} and checked by {@link StunMessage#hasValidMessageIntegrity}.
 */
public record MessageIntegrity(byte[] hmac) implements StunAttribute {
  static final int LENGTH = 20;

  public MessageIntegrity {
    if (hmac.length != LENGTH) {
      throw new IllegalArgumentException("MESSAGE-INTEGRITY is " + LENGTH + " bytes, not " + hmac.length);
    }
    hmac = hmac.clone();
  }

  static MessageIntegrity decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.MESSAGE_INTEGRITY, value, LENGTH);
    return new MessageIntegrity(Values.bytes(value));
  }

  @Override
  public byte[] hmac() {
    return hmac.clone();
  }

  @Override
  public int type() {
    return AttributeType.MESSAGE_INTEGRITY.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return hmac.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageIntegrity other && Arrays.equals(hmac, other.hmac);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hmac);
  }

  @Override
  public String toString() {
    return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
  }
}
