package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * FIR, RFC 5104 section 4.3.1: each named source is to send a key frame. The header's media SSRC is
 * 0 (section 4.3.1.2), so it is not kept.
 */
public record FullIntraRequest(int senderSsrc, List<FullIntraRequest.Entry> entries)
    implements RtcpPacket {
  static final int FORMAT = 4;
  private static final int ENTRY = 8;

  public FullIntraRequest {
    entries = List.copyOf(entries);
  }

  /**
   * @param sequenceNumber 8 bits, one more for each new request, so a repeat is recognised
   */
  public record Entry(int ssrc, int sequenceNumber) {
    public Entry {
      if (sequenceNumber >>> 8 != 0) {
        throw new IllegalArgumentException("a FIR sequence number is 0-255");
      }
    }
  }

  static FullIntraRequest parse(ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, 8, "a FIR");
    int sender = body.readInt();
    body.skipBytes(4);
    List<Entry> entries = new ArrayList<>(body.readableBytes() / ENTRY);
    while (body.readableBytes() >= ENTRY) {
      int ssrc = body.readInt();
      entries.add(new Entry(ssrc, body.readUnsignedByte()));
      body.skipBytes(3);
    }
    return new FullIntraRequest(sender, entries);
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, FORMAT, PAYLOAD_FEEDBACK);
    out.writeInt(senderSsrc);
    out.writeInt(0);
    for (Entry entry : entries) {
      out.writeInt(entry.ssrc());
      out.writeByte(entry.sequenceNumber());
      out.writeMedium(0);
    }
    RtcpWire.finish(out, start);
  }
}
