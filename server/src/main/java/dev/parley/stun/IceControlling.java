package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * ICE-CONTROLLING (RFC 8445 §7.1.3, registered in §16.1): the sender believes it is controlling; an
 * unsigned 64-bit tie-breaker.
 */
public record IceControlling(long tieBreaker) implements StunAttribute {
  static IceControlling decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.ICE_CONTROLLING, value, 8);
    return new IceControlling(value.getLong(value.position()));
  }

  @Override
  public int type() {
    return AttributeType.ICE_CONTROLLING.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return ByteBuffer.allocate(8).putLong(tieBreaker).array();
  }
}
