package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * USE-CANDIDATE (RFC 8445 §7.1.2, registered in §16.1): the controlling ICE agent nominates this
 * pair; no value.
 */
public record UseCandidate() implements StunAttribute {
  static UseCandidate decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.USE_CANDIDATE, value, 0);
    return new UseCandidate();
  }

  @Override
  public int type() {
    return AttributeType.USE_CANDIDATE.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return new byte[0];
  }
}
