package dev.parley.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * MAPPED-ADDRESS (RFC 8489 §14.1): a reflexive transport address, unobfuscated; kept for RFC 3489
 * clients.
 */
public record MappedAddress(InetSocketAddress address) implements StunAttribute {
  public MappedAddress {
    Addresses.requireResolved(AttributeType.MAPPED_ADDRESS, address);
  }

  static MappedAddress decode(ByteBuffer value) throws StunParseException {
    return new MappedAddress(
        Addresses.decode(AttributeType.MAPPED_ADDRESS, value, Addresses.NO_MASK));
  }

  @Override
  public int type() {
    return AttributeType.MAPPED_ADDRESS.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return Addresses.encode(address, Addresses.NO_MASK);
  }
}
