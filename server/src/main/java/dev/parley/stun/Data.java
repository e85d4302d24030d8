package dev.parley.stun;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** DATA (RFC 8656 §18.4): the application payload of a Send or Data indication. */
public record Data(byte[] payload) implements StunAttribute {
  public Data {
    payload = payload.clone();
  }

  static Data decode(ByteBuffer value) {
    return new Data(Values.bytes(value));
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public int type() {
    return AttributeType.DATA.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Data other && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Data[" + payload.length + " bytes]";
  }
}
