package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * LIFETIME (RFC 8656 §18.2): seconds until the allocation expires without a refresh, unsigned
 * 32-bit.
 */
public record Lifetime(long seconds) implements StunAttribute {
  public Lifetime {
    Values.requireUnsigned(AttributeType.LIFETIME, seconds, 32);
  }

  static Lifetime decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.LIFETIME, value, 4);
    return new Lifetime(Integer.toUnsignedLong(value.getInt(value.position())));
  }

  @Override
  public int type() {
    return AttributeType.LIFETIME.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return ByteBuffer.allocate(4).putInt((int) seconds).array();
  }
}
