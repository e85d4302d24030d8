package dev.parley.sfu;

import java.util.Locale;

/** Why the unit dropped a packet it was given; each is counted. */
public enum Drop {
  /** RTP that {@link dev.parley.rtp.RtpPacket} refuses, or a VP8 payload descriptor cut off. */
  MALFORMED_RTP,
  /** An RTCP compound that does not parse. */
  MALFORMED_RTCP,
  /** RTP from an SSRC, mid and rid that name no published stream. */
  UNKNOWN_SSRC,
  /** A packet already in the stream's cache: a retransmission that came too late, or a replay. */
  DUPLICATE,
  /** A publisher more than twice over its bitrate cap within the last second. */
  OVER_BITRATE;

  /** The metric tag: {@code unknown-ssrc}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
