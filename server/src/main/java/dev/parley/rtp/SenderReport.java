package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * RFC 3550 section 6.4.1. A profile-specific extension after the report blocks is not kept.
 *
 * @param ntpTimestamp 64-bit NTP time, seconds in 32.32 fixed point
 * @param rtpTimestamp the same instant on the RTP clock, unsigned 32 bits
 */
public record SenderReport(
    int ssrc,
    long ntpTimestamp,
    long rtpTimestamp,
    long packetCount,
    long octetCount,
    List<ReportBlock> reports)
    implements RtcpPacket {
  private static final int SENDER_INFO = 20;

  public SenderReport {
    reports = List.copyOf(reports);
    if (reports.size() > RtcpWire.MAX_COUNT) {
      throw new IllegalArgumentException(reports.size() + " report blocks, at most 31 fit");
    }
    for (long field : new long[] {rtpTimestamp, packetCount, octetCount}) {
      if (field >>> 32 != 0) {
        throw new IllegalArgumentException(field + " is not an unsigned 32-bit field");
      }
    }
  }

  static SenderReport parse(int count, ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, SENDER_INFO + 4, "a sender report");
    return new SenderReport(
        body.readInt(),
        body.readLong(),
        body.readUnsignedInt(),
        body.readUnsignedInt(),
        body.readUnsignedInt(),
        ReportBlock.parseAll(count, body));
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, reports.size(), SENDER_REPORT);
    out.writeInt(ssrc);
    out.writeLong(ntpTimestamp);
    out.writeInt((int) rtpTimestamp);
    out.writeInt((int) packetCount);
    out.writeInt((int) octetCount);
    reports.forEach(report -> report.write(out));
    RtcpWire.finish(out, start);
  }
}
