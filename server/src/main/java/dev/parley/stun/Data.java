package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * DATA (RFC 8656 §18.4): the application payload of a Send or Data indication. A decoded one is a
 * view over the message's bytes (see {@link Bytes}), so relaying it copies nothing here.
 */
public record Data(Bytes payload) implements StunAttribute {
  public Data(byte[] payload) {
    this(Bytes.copyOf(payload));
  }

  static Data decode(ByteBuffer value) {
    return new Data(Bytes.viewOf(value));
  }

  @Override
  public int type() {
    return AttributeType.DATA.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return payload.toByteArray();
  }
}
