package dev.parley.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute of a type this codec does not know, kept as bytes. A comprehension-required one
 * (type below 0x8000) makes a request fail with 420 (RFC 8489 §6.3.1); see
 * {@link StunMessage#unknownComprehensionRequired()}.
 */
public record RawAttribute(int type, byte[] value) implements StunAttribute {
  public RawAttribute {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("attribute type must fit in 16 bits: " + type);
    }
    // A known type as raw bytes would decode back as its record, not as this one.
    if (AttributeType.of(type) != null) {
      throw new IllegalArgumentException(AttributeType.nameOf(type) + " has its own record");
    }
    value = value.clone();
  }

  public boolean comprehensionRequired() {
    return type < 0x8000;
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawAttribute other && type == other.type && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return String.format("RawAttribute[0x%04x, %s]", type, HexFormat.of().formatHex(value));
  }
}
