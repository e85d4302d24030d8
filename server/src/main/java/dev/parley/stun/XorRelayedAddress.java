package dev.parley.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** XOR-RELAYED-ADDRESS (RFC 8656 §18.5): the relayed transport address the server allocated. */
public record XorRelayedAddress(InetSocketAddress address) implements StunAttribute {
  public XorRelayedAddress {
    Addresses.requireResolved(AttributeType.XOR_RELAYED_ADDRESS, address);
  }

  static XorRelayedAddress decode(ByteBuffer value, TransactionId transactionId)
      throws StunParseException {
    return new XorRelayedAddress(
        Addresses.decode(
            AttributeType.XOR_RELAYED_ADDRESS, value, Addresses.xorMask(transactionId)));
  }

  @Override
  public int type() {
    return AttributeType.XOR_RELAYED_ADDRESS.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return Addresses.encode(address, Addresses.xorMask(transactionId));
  }
}
