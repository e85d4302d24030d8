package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/** The parts of RTCP's wire format that every packet type shares. */
final class RtcpWire {
  static final int HEADER = 4;

  /** The header's 5-bit count: report blocks, SDES chunks, BYE sources. */
  static final int MAX_COUNT = 31;

  private static final int VERSION_2 = 0x80;
  private static final int PADDING_BIT = 0x20;

  private RtcpWire() {}

  /**
   * Parses one packet's body; the records' compact constructors check what the wire can get wrong
   * past its lengths, so their refusal is the packet's rejection.
   */
  static RtcpPacket parse(int type, int count, ByteBuf body) throws RtpParseException {
    try {
      return switch (type) {
        case RtcpPacket.SENDER_REPORT -> SenderReport.parse(count, body);
        case RtcpPacket.RECEIVER_REPORT -> ReceiverReport.parse(count, body);
        case RtcpPacket.SOURCE_DESCRIPTION -> SourceDescription.parse(count, body);
        case RtcpPacket.GOODBYE -> Goodbye.parse(count, body);
        case RtcpPacket.TRANSPORT_FEEDBACK ->
            switch (count) {
              case GenericNack.FORMAT -> GenericNack.parse(body);
              case TransportFeedback.FORMAT -> TransportFeedback.parse(body);
              default -> OpaqueRtcp.parse(type, count, body);
            };
        case RtcpPacket.PAYLOAD_FEEDBACK ->
            switch (count) {
              case PictureLossIndication.FORMAT -> PictureLossIndication.parse(body);
              case FullIntraRequest.FORMAT -> FullIntraRequest.parse(body);
              case Remb.FORMAT ->
                  Remb.isRemb(body) ? Remb.parse(body) : OpaqueRtcp.parse(type, count, body);
              default -> OpaqueRtcp.parse(type, count, body);
            };
        default -> OpaqueRtcp.parse(type, count, body);
      };
    } catch (IllegalArgumentException invalid) {
      throw new RtpParseException("RTCP packet type " + type + ": " + invalid.getMessage());
    }
  }

  /** Throws unless {@code body} has {@code bytes} more to read. */
  static void need(ByteBuf body, int bytes, String what) throws RtpParseException {
    if (body.readableBytes() < bytes) {
      throw new RtpParseException(
          what + " needs " + bytes + " bytes, " + body.readableBytes() + " are left");
    }
  }

  /**
   * Writes a header with a placeholder length, returning where it starts for {@link #finish}.
   *
   * @param count the report count, source count or feedback format (5 bits)
   */
  static int begin(ByteBuf out, int count, int type) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("an RTCP count is at most 31, not " + count);
    }
    int start = out.writerIndex();
    out.writeByte(VERSION_2 | count);
    out.writeByte(type);
    out.writeShort(0);
    return start;
  }

  /** A read-only copy of the next {@code length} bytes of {@code body}, compared by content. */
  static ByteBuffer copy(ByteBuf body, int length) throws RtpParseException {
    need(body, length, "a value");
    byte[] bytes = new byte[length];
    body.readBytes(bytes);
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** Read-only, at position 0, whatever the caller's buffer was. */
  static ByteBuffer readOnly(ByteBuffer value) {
    ByteBuffer copy = ByteBuffer.allocate(value.remaining()).put(value.duplicate()).flip();
    return copy.asReadOnlyBuffer();
  }

  /**
   * Pads the packet begun at {@code start} to 32 bits with RTCP padding (the P bit and a count),
   * for a body of any length that must read back unchanged.
   */
  static void finishWithPadding(ByteBuf out, int start) {
    int padding = -(out.writerIndex() - start) & 3;
    if (padding > 0) {
      out.writeZero(padding - 1);
      out.writeByte(padding);
      out.setByte(start, out.getUnsignedByte(start) | PADDING_BIT);
    }
    finish(out, start);
  }

  /** Pads the packet begun at {@code start} with zeros to 32 bits and fills in its length. */
  static void finish(ByteBuf out, int start) {
    out.writeZero(-(out.writerIndex() - start) & 3);
    out.setShort(start + 2, (out.writerIndex() - start) / 4 - 1);
  }
}
