package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * A ChannelData message (RFC 8656 §12.4): the 4-byte framing TURN uses instead of a Send or Data
 * indication once a channel is bound. A decoded one's data is a view over the decoded bytes (see
 * {@link Bytes}), so relaying it copies nothing here.
 */
public record ChannelData(int channelNumber, Bytes data) {
  public static final int MIN_CHANNEL_NUMBER = 0x4000;
  public static final int MAX_CHANNEL_NUMBER = 0x4FFF;
  static final int HEADER_LENGTH = 4;

  public ChannelData {
    if (!isChannelNumber(channelNumber)) {
      throw new IllegalArgumentException(
          String.format("channel number 0x%04x is not in 0x4000-0x4FFF", channelNumber));
    }
    if (data.length() > 0xFFFF) {
      throw new IllegalArgumentException(
          "ChannelData carries at most 65535 bytes, not " + data.length());
    }
  }

  public ChannelData(int channelNumber, byte[] data) {
    this(channelNumber, Bytes.copyOf(data));
  }

  /** 0x5000–0xFFFF are reserved so TURN does not collide with other protocols (RFC 8656 §12). */
  public static boolean isChannelNumber(int number) {
    return number >= MIN_CHANNEL_NUMBER && number <= MAX_CHANNEL_NUMBER;
  }

  /** Decodes a copy of the packet, so the result stays valid whatever becomes of the array. */
  public static ChannelData decode(byte[] packet) throws StunParseException {
    return decodeView(ByteBuffer.wrap(packet.clone()));
  }

  /**
   * Decodes the buffer's remaining bytes without moving its position or copying them: the data is a
   * view, valid while the buffer's bytes stay unchanged (see {@link Bytes}). The packet may end
   * with up to the 3 bytes that pad the data to a multiple of 4: required over TCP, optional over
   * UDP (RFC 8656 §12.5). Shorter than the length field claims, or longer than the padding, is an
   * error.
   */
  public static ChannelData decodeView(ByteBuffer packet) throws StunParseException {
    int size = packet.remaining();
    if (size < HEADER_LENGTH) {
      throw new StunParseException(
          "a ChannelData message needs a 4-byte header, got " + size + " bytes");
    }
    int start = packet.position();
    int channelNumber = packet.getShort(start) & 0xFFFF;
    if (!isChannelNumber(channelNumber)) {
      throw new StunParseException(
          String.format("channel number 0x%04x is not in 0x4000-0x4FFF", channelNumber));
    }
    int length = packet.getShort(start + 2) & 0xFFFF;
    if (size < HEADER_LENGTH + length) {
      throw new StunParseException(
          "ChannelData length "
              + length
              + " overruns the "
              + (size - HEADER_LENGTH)
              + " bytes after the header");
    }
    if (size > HEADER_LENGTH + StunMessage.padded(length)) {
      throw new StunParseException(
          (size - HEADER_LENGTH - length)
              + " bytes follow ChannelData of length "
              + length
              + ", more than its padding");
    }
    return new ChannelData(
        channelNumber, Bytes.viewOf(packet.slice(start + HEADER_LENGTH, length)));
  }

  /** Unpadded, for UDP (RFC 8656 §12.5). */
  public byte[] encode() {
    return encode(HEADER_LENGTH + data.length());
  }

  /** Padded to a multiple of 4, as TCP and TLS require (RFC 8656 §12.5). */
  public byte[] encodePadded() {
    return encode(HEADER_LENGTH + StunMessage.padded(data.length()));
  }

  private byte[] encode(int size) {
    return ByteBuffer.allocate(size)
        .put(header(channelNumber, data.length()))
        .put(data.asByteBuffer())
        .array();
  }

  /**
   * The 4 bytes before the data: for the relay, which writes them and then a peer's datagram
   * straight from the buffer it arrived in, padded over TCP and TLS as {@link #encodePadded} does.
   */
  public static byte[] header(int channelNumber, int length) {
    return ByteBuffer.allocate(HEADER_LENGTH)
        .putShort((short) channelNumber)
        .putShort((short) length)
        .array();
  }
}
