package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute, XOR 0x5354554E, so STUN
 * can be told apart from other protocols on the same port. Always the last attribute.
 */
public record Fingerprint(int crc) implements StunAttribute {
  static final int XOR = 0x5354554E;

  static Fingerprint decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.FINGERPRINT, value, 4);
    return new Fingerprint(value.getInt(value.position()));
  }

  @Override
  public int type() {
    return AttributeType.FINGERPRINT.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return ByteBuffer.allocate(4).putInt(crc).array();
  }

  @Override
  public String toString() {
    return String.format("Fingerprint[0x%08x]", crc);
  }
}
