package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * BYE, RFC 3550 section 6.6: the sources are leaving.
 *
 * @param reason UTF-8 text, empty if none was given; read-only
 */
public record Goodbye(List<Integer> ssrcs, ByteBuffer reason) implements RtcpPacket {
  private static final int MAX_REASON = 255;

  public Goodbye {
    ssrcs = List.copyOf(ssrcs);
    if (ssrcs.size() > RtcpWire.MAX_COUNT) {
      throw new IllegalArgumentException(ssrcs.size() + " SSRCs in a BYE, at most 31 fit");
    }
    if (reason.remaining() > MAX_REASON) {
      throw new IllegalArgumentException("a BYE reason is at most 255 bytes");
    }
    reason = RtcpWire.readOnly(reason);
  }

  public static Goodbye of(List<Integer> ssrcs, String reason) {
    return new Goodbye(ssrcs, ByteBuffer.wrap(reason.getBytes(StandardCharsets.UTF_8)));
  }

  public String reasonText() {
    return StandardCharsets.UTF_8.decode(reason.duplicate()).toString();
  }

  static Goodbye parse(int count, ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, 4 * count, "a BYE's SSRCs");
    Integer[] ssrcs = new Integer[count];
    for (int i = 0; i < count; i++) {
      ssrcs[i] = body.readInt();
    }
    ByteBuffer reason =
        body.isReadable() ? RtcpWire.copy(body, body.readUnsignedByte()) : ByteBuffer.allocate(0);
    return new Goodbye(List.of(ssrcs), reason);
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, ssrcs.size(), GOODBYE);
    ssrcs.forEach(out::writeInt);
    if (reason.hasRemaining()) {
      out.writeByte(reason.remaining());
      out.writeBytes(reason.duplicate());
    }
    RtcpWire.finish(out, start);
  }
}
