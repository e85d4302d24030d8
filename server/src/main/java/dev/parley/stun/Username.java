package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * USERNAME (RFC 8489 §14.3): the user name, UTF-8, already processed with the OpaqueString profile.
 */
public record Username(String value) implements StunAttribute {
  public Username {
    Values.utf8(AttributeType.USERNAME, value);
  }

  static Username decode(ByteBuffer value) throws StunParseException {
    return new Username(Values.text(AttributeType.USERNAME, value));
  }

  @Override
  public int type() {
    return AttributeType.USERNAME.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return Values.utf8(AttributeType.USERNAME, value);
  }
}
