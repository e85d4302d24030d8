package dev.parley.stun;

import java.nio.ByteBuffer;

/** DONT-FRAGMENT (RFC 8656 §18.9): asks the server to set the DF bit when relaying; no value. */
public record DontFragment() implements StunAttribute {
  static DontFragment decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.DONT_FRAGMENT, value, 0);
    return new DontFragment();
  }

  @Override
  public int type() {
    return AttributeType.DONT_FRAGMENT.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return new byte[0];
  }
}
