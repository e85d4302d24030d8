package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * An RTCP packet of a type or feedback format not parsed here (XR, APP, RPSI, ...), kept whole so
 * that its compound is still read.
 *
 * @param count the header's 5-bit count or feedback format
 * @param body everything after the 4-byte header, without padding; read-only
 */
public record OpaqueRtcp(int type, int count, ByteBuffer body) implements RtcpPacket {
  public OpaqueRtcp {
    if (type >>> 8 != 0) {
      throw new IllegalArgumentException("RTCP packet type " + type + " is not 0-255");
    }
    if (count < 0 || count > RtcpWire.MAX_COUNT) {
      throw new IllegalArgumentException("an RTCP count is 0-31, not " + count);
    }
    body = RtcpWire.readOnly(body);
  }

  static OpaqueRtcp parse(int type, int count, ByteBuf body) throws RtpParseException {
    return new OpaqueRtcp(type, count, RtcpWire.copy(body, body.readableBytes()));
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, count, type);
    out.writeBytes(body.duplicate());
    RtcpWire.finishWithPadding(out, start);
  }
}
