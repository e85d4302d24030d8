package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * REQUESTED-TRANSPORT (RFC 8656 §18.8): the IP protocol number to relay with; only UDP is defined,
 * and the Allocate handler answers 442 to the others. Three reserved bytes follow.
 */
public record RequestedTransport(int protocol) implements StunAttribute {
  public static final int UDP = 17;

  public RequestedTransport {
    Values.requireUnsigned(AttributeType.REQUESTED_TRANSPORT, protocol, 8);
  }

  static RequestedTransport decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.REQUESTED_TRANSPORT, value, 4);
    return new RequestedTransport(value.get(value.position()) & 0xFF);
  }

  @Override
  public int type() {
    return AttributeType.REQUESTED_TRANSPORT.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return new byte[] {(byte) protocol, 0, 0, 0};
  }
}
