package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * ICE-CONTROLLED (RFC 8445 §7.1.3, registered in §16.1): the sender believes it is controlled; an
 * unsigned 64-bit tie-breaker.
 */
public record IceControlled(long tieBreaker) implements StunAttribute {
  static IceControlled decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.ICE_CONTROLLED, value, 8);
    return new IceControlled(value.getLong(value.position()));
  }

  @Override
  public int type() {
    return AttributeType.ICE_CONTROLLED.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return ByteBuffer.allocate(8).putLong(tieBreaker).array();
  }
}
