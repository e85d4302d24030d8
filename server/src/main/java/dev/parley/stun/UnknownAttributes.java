package dev.parley.stun;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the comprehension-required types a 420 response did not
 * understand. See {@link StunMessage#unknownComprehensionRequired()}.
 */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {
  public UnknownAttributes {
    types = List.copyOf(types);
    for (int type : types) {
      Values.requireUnsigned(AttributeType.UNKNOWN_ATTRIBUTES, type, 16);
    }
  }

  static UnknownAttributes decode(ByteBuffer value) throws StunParseException {
    if (value.remaining() % 2 != 0) {
      throw new StunParseException(
          "UNKNOWN-ATTRIBUTES: value is "
              + value.remaining()
              + " bytes, not a whole number of 16-bit types");
    }
    List<Integer> types = new ArrayList<>(value.remaining() / 2);
    while (value.hasRemaining()) {
      types.add(value.getShort() & 0xFFFF);
    }
    return new UnknownAttributes(types);
  }

  @Override
  public int type() {
    return AttributeType.UNKNOWN_ATTRIBUTES.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    ByteBuffer value = ByteBuffer.allocate(types.size() * 2);
    types.forEach(type -> value.putShort(type.shortValue()));
    return value.array();
  }
}
