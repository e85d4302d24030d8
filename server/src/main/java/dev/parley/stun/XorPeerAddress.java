package dev.parley.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** XOR-PEER-ADDRESS (RFC 8656 §18.3): a peer's address as the TURN server sees it. */
public record XorPeerAddress(InetSocketAddress address) implements StunAttribute {
  public XorPeerAddress {
    Addresses.requireResolved(AttributeType.XOR_PEER_ADDRESS, address);
  }

  static XorPeerAddress decode(ByteBuffer value, TransactionId transactionId)
      throws StunParseException {
    return new XorPeerAddress(
        Addresses.decode(AttributeType.XOR_PEER_ADDRESS, value, Addresses.xorMask(transactionId)));
  }

  @Override
  public int type() {
    return AttributeType.XOR_PEER_ADDRESS.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return Addresses.encode(address, Addresses.xorMask(transactionId));
  }
}
