package dev.parley.stun;

import java.nio.ByteBuffer;

/** ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and a reason phrase for humans. */
public record ErrorCode(int code, String reason) implements StunAttribute {
  public ErrorCode {
    Values.requireErrorCode(AttributeType.ERROR_CODE, code);
    Values.utf8(AttributeType.ERROR_CODE, reason);
  }

  static ErrorCode decode(ByteBuffer value) throws StunParseException {
    int code = Values.errorCode(AttributeType.ERROR_CODE, value);
    return new ErrorCode(
        code, Values.text(AttributeType.ERROR_CODE, value.position(value.position() + 4)));
  }

  @Override
  public int type() {
    return AttributeType.ERROR_CODE.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    byte[] phrase = Values.utf8(AttributeType.ERROR_CODE, reason);
    return ByteBuffer.allocate(4 + phrase.length)
        .putShort((short) 0)
        .put((byte) (code / 100))
        .put((byte) (code % 100))
        .put(phrase)
        .array();
  }
}
