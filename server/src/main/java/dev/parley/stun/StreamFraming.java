package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * Splits a TCP or TLS stream into STUN and ChannelData messages by their headers (RFC 8489 §6.2.2,
 * RFC 8656 §12.5). A pure function, so a Netty decoder can call it on whatever bytes have arrived.
 */
public final class StreamFraming {
  /** Enough to know the kind and length of any message: both headers start with 4 such bytes. */
  static final int PREFIX_LENGTH = 4;

  private StreamFraming() {}

  /**
   * How many bytes the next message takes, counted from the buffer's position (which is not moved):
   * its full size once the first 4 bytes have arrived, else 4. The message is complete when that
   * many bytes are readable. At most 65,552: a STUN header and the largest length field that is a
   * multiple of 4.
   *
   * @throws StunParseException if the stream cannot be STUN or ChannelData; close the connection,
   *     since a byte stream cannot resynchronise
   */
  public static int nextFrameLength(ByteBuffer readable) throws StunParseException {
    if (!readable.hasRemaining()) {
      return PREFIX_LENGTH;
    }
    int start = readable.position();
    byte first = readable.get(start);
    boolean headerArrived = readable.remaining() >= PREFIX_LENGTH;
    return switch (PacketKind.of(first)) {
      case STUN ->
          headerArrived ? stunLength(readable.getShort(start + 2) & 0xFFFF) : PREFIX_LENGTH;
      case CHANNEL_DATA ->
          headerArrived
              ? channelDataLength(
                  readable.getShort(start) & 0xFFFF, readable.getShort(start + 2) & 0xFFFF)
              : PREFIX_LENGTH;
      case OTHER ->
          throw new StunParseException(
              String.format("byte 0x%02x starts neither a STUN nor a ChannelData message", first));
    };
  }

  private static int stunLength(int lengthField) throws StunParseException {
    if (lengthField % 4 != 0) {
      throw new StunParseException(
          "STUN message length " + lengthField + " is not a multiple of 4");
    }
    return StunMessage.HEADER_LENGTH + lengthField;
  }

  private static int channelDataLength(int channelNumber, int lengthField)
      throws StunParseException {
    if (!ChannelData.isChannelNumber(channelNumber)) {
      throw new StunParseException(
          String.format("channel number 0x%04x is not in 0x4000-0x4FFF", channelNumber));
    }
    return ChannelData.HEADER_LENGTH + StunMessage.padded(lengthField);
  }
}
