package dev.parley.stun;

/**
 * An attribute of a type this codec does not know, kept as bytes. A comprehension-required one
 * (type below 0x8000) makes a request fail with 420 (RFC 8489 §6.3.1); see {@link
 * StunMessage#unknownComprehensionRequired()}.
 */
public record RawAttribute(int type, Bytes value) implements StunAttribute {
  public RawAttribute {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("attribute type must fit in 16 bits: " + type);
    }
    // A known type as raw bytes would decode back as its record, not as this one.
    if (AttributeType.of(type) != null) {
      throw new IllegalArgumentException(AttributeType.nameOf(type) + " has its own record");
    }
  }

  public RawAttribute(int type, byte[] value) {
    this(type, Bytes.copyOf(value));
  }

  public boolean comprehensionRequired() {
    return type < 0x8000;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return value.toByteArray();
  }
}
