package dev.parley.rtp;

import io.netty.buffer.ByteBuf;

/** PLI, RFC 4585 section 6.3.1: the receiver of {@code mediaSsrc} needs a key frame. */
public record PictureLossIndication(int senderSsrc, int mediaSsrc) implements RtcpPacket {
  static final int FORMAT = 1;

  static PictureLossIndication parse(ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, 8, "a PLI");
    return new PictureLossIndication(body.readInt(), body.readInt());
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, FORMAT, PAYLOAD_FEEDBACK);
    out.writeInt(senderSsrc);
    out.writeInt(mediaSsrc);
    RtcpWire.finish(out, start);
  }
}
