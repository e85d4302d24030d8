package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * REMB, draft-alvestrand-rmcat-remb-03 section 2.2: the receiver's estimate of the bitrate it can
 * take for the named sources, an application-layer feedback (PSFB format 15) starting "REMB".
 *
 * @param bitrate bits per second; written as an 18-bit mantissa and a 6-bit exponent, rounded down
 *     where it has more significant bits than the mantissa holds
 */
public record Remb(int senderSsrc, long bitrate, List<Integer> ssrcs) implements RtcpPacket {
  static final int FORMAT = 15;
  private static final int IDENTIFIER = 0x52454D42; // "REMB"
  private static final int MANTISSA_BITS = 18;
  private static final int MAX_EXPONENT = 63;

  /** The largest bitrate that fits in a long and in the wire form, for an exponent too large. */
  private static final long MAX_BITRATE = ((1L << MANTISSA_BITS) - 1) << (63 - MANTISSA_BITS);

  public Remb {
    ssrcs = List.copyOf(ssrcs);
    if (bitrate < 0) {
      throw new IllegalArgumentException("a REMB bitrate is not negative");
    }
    if (ssrcs.size() > 255) {
      throw new IllegalArgumentException(ssrcs.size() + " SSRCs in a REMB, at most 255 fit");
    }
  }

  static boolean isRemb(ByteBuf body) {
    return body.readableBytes() >= 12 && body.getInt(body.readerIndex() + 8) == IDENTIFIER;
  }

  static Remb parse(ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, 16, "a REMB");
    int sender = body.readInt();
    body.skipBytes(8);
    int count = body.readUnsignedByte();
    int exponentAndMantissa = body.readUnsignedMedium();
    int exponent = exponentAndMantissa >>> MANTISSA_BITS;
    long mantissa = exponentAndMantissa & ((1 << MANTISSA_BITS) - 1);
    long bitrate =
        exponent > Long.numberOfLeadingZeros(mantissa) - 1 ? MAX_BITRATE : mantissa << exponent;
    RtcpWire.need(body, 4 * count, "a REMB's SSRCs");
    Integer[] ssrcs = new Integer[count];
    for (int i = 0; i < count; i++) {
      ssrcs[i] = body.readInt();
    }
    return new Remb(sender, bitrate, List.of(ssrcs));
  }

  @Override
  public void write(ByteBuf out) {
    int exponent = 0;
    while (bitrate >>> exponent >= 1L << MANTISSA_BITS && exponent < MAX_EXPONENT) {
      exponent++;
    }
    long mantissa = bitrate >>> exponent;
    int start = RtcpWire.begin(out, FORMAT, PAYLOAD_FEEDBACK);
    out.writeInt(senderSsrc);
    out.writeInt(0);
    out.writeInt(IDENTIFIER);
    out.writeByte(ssrcs.size());
    out.writeMedium((int) (exponent << MANTISSA_BITS | mantissa));
    ssrcs.forEach(out::writeInt);
    RtcpWire.finish(out, start);
  }
}
