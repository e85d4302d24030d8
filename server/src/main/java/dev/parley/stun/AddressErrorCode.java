package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * ADDRESS-ERROR-CODE (RFC 8656 §18.12): why one family of a dual allocation failed (440 or 508),
 * laid out like ERROR-CODE with the family in the first byte.
 */
public record AddressErrorCode(AddressFamily family, int code, String reason)
    implements StunAttribute {
  public AddressErrorCode {
    if (family == null) {
      throw new NullPointerException("family is required");
    }
    Values.requireErrorCode(AttributeType.ADDRESS_ERROR_CODE, code);
    Values.utf8(AttributeType.ADDRESS_ERROR_CODE, reason);
  }

  static AddressErrorCode decode(ByteBuffer value) throws StunParseException {
    int code = Values.errorCode(AttributeType.ADDRESS_ERROR_CODE, value);
    AddressFamily family =
        AddressFamily.decode(AttributeType.ADDRESS_ERROR_CODE, value.get(value.position()) & 0xFF);
    String reason =
        Values.text(AttributeType.ADDRESS_ERROR_CODE, value.position(value.position() + 4));
    return new AddressErrorCode(family, code, reason);
  }

  @Override
  public int type() {
    return AttributeType.ADDRESS_ERROR_CODE.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    byte[] phrase = Values.utf8(AttributeType.ADDRESS_ERROR_CODE, reason);
    return ByteBuffer.allocate(4 + phrase.length)
        .put((byte) family.code)
        .put((byte) 0)
        .put((byte) (code / 100))
        .put((byte) (code % 100))
        .put(phrase)
        .array();
  }
}
