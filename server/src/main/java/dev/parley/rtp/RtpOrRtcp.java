package dev.parley.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Which of the two a datagram is when RTP and RTCP share a port (RFC 5761 section 4): RTCP packet
 * types 192-223 sit where RTP payload types 64-95 would, with the marker bit set, so payload types
 * in that range are never used for RTP.
 */
public enum RtpOrRtcp {
  RTP,
  RTCP;

  private static final int FIRST_RTCP_TYPE = 192;
  private static final int LAST_RTCP_TYPE = 223;

  /**
   * From the second readable byte; a datagram too short to have one counts as RTP, whose parser
   * rejects it.
   */
  public static RtpOrRtcp of(ByteBuf datagram) {
    if (datagram.readableBytes() < 2) {
      return RTP;
    }
    int type = datagram.getUnsignedByte(datagram.readerIndex() + 1);
    return type >= FIRST_RTCP_TYPE && type <= LAST_RTCP_TYPE ? RTCP : RTP;
  }
}
