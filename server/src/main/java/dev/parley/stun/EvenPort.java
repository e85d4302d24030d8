package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * EVEN-PORT (RFC 8656 §18.7): asks for an even relayed port and, with the R bit, that the next port
 * be reserved too. One byte; the seven bits after R are reserved and ignored.
 */
public record EvenPort(boolean reserveNextPort) implements StunAttribute {
  static EvenPort decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.EVEN_PORT, value, 1);
    return new EvenPort((value.get(value.position()) & 0x80) != 0);
  }

  @Override
  public int type() {
    return AttributeType.EVEN_PORT.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return new byte[] {(byte) (reserveNextPort ? 0x80 : 0)};
  }
}
