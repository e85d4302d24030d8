package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * CHANNEL-NUMBER (RFC 8656 §18.1): a 16-bit channel number and two reserved bytes. Any value
 * decodes; whether it lies in 0x4000–0x4FFF is the ChannelBind handler's check (§11.2, 400).
 */
public record ChannelNumber(int number) implements StunAttribute {
  public ChannelNumber {
    Values.requireUnsigned(AttributeType.CHANNEL_NUMBER, number, 16);
  }

  static ChannelNumber decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.CHANNEL_NUMBER, value, 4);
    return new ChannelNumber(value.getShort(value.position()) & 0xFFFF);
  }

  @Override
  public int type() {
    return AttributeType.CHANNEL_NUMBER.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return ByteBuffer.allocate(4).putShort((short) number).array();
  }

  @Override
  public String toString() {
    return String.format("ChannelNumber[0x%04x]", number);
  }
}
