package dev.parley.stun;

import java.nio.ByteBuffer;

/** SOFTWARE (RFC 8489 §14.14): a description of the sending agent's software, for diagnostics. */
public record Software(String value) implements StunAttribute {
  public Software {
    Values.utf8(AttributeType.SOFTWARE, value);
  }

  static Software decode(ByteBuffer value) throws StunParseException {
    return new Software(Values.text(AttributeType.SOFTWARE, value));
  }

  @Override
  public int type() {
    return AttributeType.SOFTWARE.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return Values.utf8(AttributeType.SOFTWARE, value);
  }
}
