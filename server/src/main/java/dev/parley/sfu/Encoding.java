package dev.parley.sfu;

/**
 * One encoding of a published track: the single stream of an audio track, or one simulcast layer of
 * a video track. Identified by SSRC when the publisher's SDP names it, else by rid (RFC 8851),
 * learned from the first packets that carry the rid header extension.
 *
 * @param rid the RTP stream id, or null
 * @param ssrc the media SSRC, or 0 until learned from the rid
 * @param rtxSsrc the SSRC of its RFC 4588 retransmissions, or 0 (learned from repaired-rid)
 * @param bitrate bits per second the encoding is sent at (the SDK's maxBitrate), or 0 to measure
 * @param width pixels, or 0 for audio
 * @param height pixels, or 0 for audio
 */
public record Encoding(String rid, int ssrc, int rtxSsrc, long bitrate, int width, int height) {
  public Encoding {
    if (rid == null && ssrc == 0) {
      throw new IllegalArgumentException("an encoding needs a rid or an SSRC");
    }
    if (bitrate < 0 || width < 0 || height < 0) {
      throw new IllegalArgumentException("an encoding's bitrate and size are not negative");
    }
  }

  /** An audio stream, or a video track without simulcast. */
  public static Encoding ofSsrc(int ssrc, int rtxSsrc) {
    return new Encoding(null, ssrc, rtxSsrc, 0, 0, 0);
  }
}
