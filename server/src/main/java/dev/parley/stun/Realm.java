package dev.parley.stun;

import java.nio.ByteBuffer;

/** REALM (RFC 8489 §14.9): the realm of long-term credentials, UTF-8. */
public record Realm(String value) implements StunAttribute {
  public Realm {
    Values.utf8(AttributeType.REALM, value);
  }

  static Realm decode(ByteBuffer value) throws StunParseException {
    return new Realm(Values.text(AttributeType.REALM, value));
  }

  @Override
  public int type() {
    return AttributeType.REALM.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return Values.utf8(AttributeType.REALM, value);
  }
}
