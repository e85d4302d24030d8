package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * ICMP (RFC 8656 §18.13): an ICMP error the server received for a relayed packet, carried in a Data
 * indication. Two reserved bytes, then the one-byte ICMP type and code (the RFC's bit diagram is
 * misaligned; ICMP types and codes are octets), then four bytes of error data (the MTU for "packet
 * too big").
 */
public record Icmp(int icmpType, int icmpCode, int errorData) implements StunAttribute {
  public Icmp {
    Values.requireUnsigned(AttributeType.ICMP, icmpType, 8);
    Values.requireUnsigned(AttributeType.ICMP, icmpCode, 8);
  }

  static Icmp decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.ICMP, value, 8);
    int start = value.position();
    return new Icmp(
        value.get(start + 2) & 0xFF, value.get(start + 3) & 0xFF, value.getInt(start + 4));
  }

  @Override
  public int type() {
    return AttributeType.ICMP.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return ByteBuffer.allocate(8)
        .putShort((short) 0)
        .put((byte) icmpType)
        .put((byte) icmpCode)
        .putInt(errorData)
        .array();
  }
}
