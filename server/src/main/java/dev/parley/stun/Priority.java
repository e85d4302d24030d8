package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * PRIORITY (RFC 8445 §7.1.1, registered in §16.1): the priority of a would-be peer-reflexive
 * candidate, unsigned 32-bit.
 */
public record Priority(long priority) implements StunAttribute {
  public Priority {
    Values.requireUnsigned(AttributeType.PRIORITY, priority, 32);
  }

  static Priority decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.PRIORITY, value, 4);
    return new Priority(Integer.toUnsignedLong(value.getInt(value.position())));
  }

  @Override
  public int type() {
    return AttributeType.PRIORITY.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return ByteBuffer.allocate(4).putInt((int) priority).array();
  }
}
