package dev.parley.stun;

import java.nio.ByteBuffer;

/** REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.6): the family of relayed address the client wants. */
public record RequestedAddressFamily(AddressFamily family) implements StunAttribute {
  public RequestedAddressFamily {
    if (family == null) {
      throw new NullPointerException("family is required");
    }
  }

  /** The three bytes after the family are reserved: sent as zero, ignored on receipt. */
  static RequestedAddressFamily decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.REQUESTED_ADDRESS_FAMILY, value, 4);
    return new RequestedAddressFamily(
        AddressFamily.decode(
            AttributeType.REQUESTED_ADDRESS_FAMILY, value.get(value.position()) & 0xFF));
  }

  @Override
  public int type() {
    return AttributeType.REQUESTED_ADDRESS_FAMILY.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return new byte[] {(byte) family.code, 0, 0, 0};
  }
}
