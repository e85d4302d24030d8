package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * One packet of an RTCP compound (RFC 3550 section 6): the reports and feedback an SFU reads and
 * writes. {@link #parseCompound} validates each packet's header and length, then parses the types
 * it knows; any other type, or a feedback format it does not know, is kept as an {@link OpaqueRtcp}
 * so that a compound is never rejected for carrying something new. {@link #write} appends the
 * packet (its header, body and length) to a buffer, and what is written parses back to an equal
 * record. A compound need not start with a report: browsers send reduced-size RTCP (RFC 5506), a
 * feedback packet alone.
 */
public sealed interface RtcpPacket
    permits SenderReport,
        ReceiverReport,
        SourceDescription,
        Goodbye,
        GenericNack,
        PictureLossIndication,
        FullIntraRequest,
        Remb,
        TransportFeedback,
        OpaqueRtcp {
  int SENDER_REPORT = 200;
  int RECEIVER_REPORT = 201;
  int SOURCE_DESCRIPTION = 202;
  int GOODBYE = 203;

  /** RFC 4585 section 6.1: transport layer feedback, its format in the count field. */
  int TRANSPORT_FEEDBACK = 205;

  /** RFC 4585 section 6.1: payload-specific feedback. */
  int PAYLOAD_FEEDBACK = 206;

  /** Appends this packet to {@code out}. */
  void write(ByteBuf out);

  /** The readable bytes of {@code datagram}, one or more RTCP packets back to back. */
  static List<RtcpPacket> parseCompound(ByteBuf datagram) throws RtpParseException {
    List<RtcpPacket> packets = new ArrayList<>(2);
    int at = datagram.readerIndex();
    int end = datagram.writerIndex();
    if (at == end) {
      throw new RtpParseException("an RTCP compound has at least one packet");
    }
    while (at < end) {
      if (end - at < RtcpWire.HEADER) {
        throw new RtpParseException("an RTCP header is 4 bytes, " + (end - at) + " are left");
      }
      int first = datagram.getUnsignedByte(at);
      if (first >> 6 != 2) {
        throw new RtpParseException("RTCP version is " + (first >> 6) + ", not 2");
      }
      int length = 4 * (datagram.getUnsignedShort(at + 2) + 1);
      if (length > end - at) {
        throw new RtpParseException(
            "an RTCP packet of " + length + " bytes does not fit in " + (end - at));
      }
      int bodyLength = length - RtcpWire.HEADER;
      if ((first & 0x20) != 0) {
        // A count of 0 is read as no padding: libwebrtc's transport-cc feedback can carry the P bit
        // with a last byte of 0, and such a packet is not to be refused.
        int padding = datagram.getUnsignedByte(at + length - 1);
        if (padding > bodyLength) {
          throw new RtpParseException("RTCP padding of " + padding + " bytes does not fit");
        }
        bodyLength -= padding;
      }
      int count = first & 0x1F;
      int type = datagram.getUnsignedByte(at + 1);
      packets.add(RtcpWire.parse(type, count, datagram.slice(at + RtcpWire.HEADER, bodyLength)));
      at += length;
    }
    return packets;
  }

  /** Appends the packets to {@code out} as one compound. */
  static void writeCompound(List<? extends RtcpPacket> packets, ByteBuf out) {
    for (RtcpPacket packet : packets) {
      packet.write(out);
    }
  }
}
