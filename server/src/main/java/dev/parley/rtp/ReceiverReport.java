package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** RFC 3550 section 6.4.2. A profile-specific extension after the blocks is not kept. */
public record ReceiverReport(int ssrc, List<ReportBlock> reports) implements RtcpPacket {
  public ReceiverReport {
    reports = List.copyOf(reports);
    if (reports.size() > RtcpWire.MAX_COUNT) {
      throw new IllegalArgumentException(reports.size() + " report blocks, at most 31 fit");
    }
  }

  static ReceiverReport parse(int count, ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, 4, "a receiver report");
    return new ReceiverReport(body.readInt(), ReportBlock.parseAll(count, body));
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, reports.size(), RECEIVER_REPORT);
    out.writeInt(ssrc);
    reports.forEach(report -> report.write(out));
    RtcpWire.finish(out, start);
  }
}
