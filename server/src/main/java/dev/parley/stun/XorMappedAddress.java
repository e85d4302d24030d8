package dev.parley.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the reflexive transport address, XOR-ed so NATs that rewrite
 * addresses in payloads leave it alone.
 */
public record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
  public XorMappedAddress {
    Addresses.requireResolved(AttributeType.XOR_MAPPED_ADDRESS, address);
  }

  static XorMappedAddress decode(ByteBuffer value, TransactionId transactionId)
      throws StunParseException {
    return new XorMappedAddress(
        Addresses.decode(
            AttributeType.XOR_MAPPED_ADDRESS, value, Addresses.xorMask(transactionId)));
  }

  @Override
  public int type() {
    return AttributeType.XOR_MAPPED_ADDRESS.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return Addresses.encode(address, Addresses.xorMask(transactionId));
  }
}
