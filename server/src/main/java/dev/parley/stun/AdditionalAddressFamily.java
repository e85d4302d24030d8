package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.11): asks for a second, IPv6, relayed address; the server
 * rejects other families.
 */
public record AdditionalAddressFamily(AddressFamily family) implements StunAttribute {
  public AdditionalAddressFamily {
    if (family == null) {
      throw new NullPointerException("family is required");
    }
  }

  /** The three bytes after the family are reserved: sent as zero, ignored on receipt. */
  static AdditionalAddressFamily decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.ADDITIONAL_ADDRESS_FAMILY, value, 4);
    return new AdditionalAddressFamily(
        AddressFamily.decode(
            AttributeType.ADDITIONAL_ADDRESS_FAMILY, value.get(value.position()) & 0xFF));
  }

  @Override
  public int type() {
    return AttributeType.ADDITIONAL_ADDRESS_FAMILY.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return new byte[] {(byte) family.code, 0, 0, 0};
  }
}
