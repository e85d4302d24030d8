package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A reception report about one source (RFC 3550 section 6.4.1), in a sender or receiver report.
 *
 * @param fractionLost lost since the last report, in 256ths
 * @param cumulativeLost 24 bits, signed: duplicates can make it negative
 * @param lastSenderReport the middle 32 bits of the last SR's NTP timestamp
 * @param delaySinceLastSenderReport in 1/65536 seconds
 */
public record ReportBlock(
    int ssrc,
    int fractionLost,
    int cumulativeLost,
    long extendedHighestSequence,
    long jitter,
    long lastSenderReport,
    long delaySinceLastSenderReport) {
  static final int LENGTH = 24;
  private static final int MAX_LOST = (1 << 23) - 1;
  private static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;

  public ReportBlock {
    if (fractionLost >>> 8 != 0) {
      throw new IllegalArgumentException("fraction lost " + fractionLost + " is not 0-255");
    }
    if (cumulativeLost > MAX_LOST || cumulativeLost < -MAX_LOST - 1) {
      throw new IllegalArgumentException("cumulative lost " + cumulativeLost + " is not 24 bits");
    }
    for (long field :
        new long[] {
          extendedHighestSequence, jitter, lastSenderReport, delaySinceLastSenderReport
        }) {
      if (field < 0 || field > MAX_UNSIGNED_INT) {
        throw new IllegalArgumentException(field + " is not an unsigned 32-bit field");
      }
    }
  }

  static ReportBlock parse(ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, LENGTH, "a report block");
    int ssrc = body.readInt();
    int fractionLost = body.readUnsignedByte();
    int cumulativeLost = body.readMedium();
    return new ReportBlock(
        ssrc,
        fractionLost,
        cumulativeLost,
        body.readUnsignedInt(),
        body.readUnsignedInt(),
        body.readUnsignedInt(),
        body.readUnsignedInt());
  }

  void write(ByteBuf out) {
    out.writeInt(ssrc);
    out.writeByte(fractionLost);
    out.writeMedium(cumulativeLost);
    out.writeInt((int) extendedHighestSequence);
    out.writeInt((int) jitter);
    out.writeInt((int) lastSenderReport);
    out.writeInt((int) delaySinceLastSenderReport);
  }

  /** {@code count} blocks from {@code body}. */
  static List<ReportBlock> parseAll(int count, ByteBuf body) throws RtpParseException {
    ReportBlock[] blocks = new ReportBlock[count];
    for (int i = 0; i < count; i++) {
      blocks[i] = parse(body);
    }
    return List.of(blocks);
  }
}
