package dev.parley.sfu;

/** The codecs the unit forwards, and what each needs from it. */
public enum Codec {
  OPUS(48_000, false),
  VP8(90_000, true),
  H264(90_000, true);

  /** The RTP clock of the codec's payload format (RFC 7587, 7741, 6184). */
  public final int clockRate;

  /** Whether a subscriber can only start, or change layer, at a key frame. */
  public final boolean video;

  Codec(int clockRate, boolean video) {
    this.clockRate = clockRate;
    this.video = video;
  }
}
