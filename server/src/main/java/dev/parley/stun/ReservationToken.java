package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * RESERVATION-TOKEN (RFC 8656 §18.10): an opaque 8-byte token naming a relayed address reserved by
 * EVEN-PORT.
 */
public record ReservationToken(long token) implements StunAttribute {
  static ReservationToken decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.RESERVATION_TOKEN, value, 8);
    return new ReservationToken(value.getLong(value.position()));
  }

  @Override
  public int type() {
    return AttributeType.RESERVATION_TOKEN.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return ByteBuffer.allocate(8).putLong(token).array();
  }
}
