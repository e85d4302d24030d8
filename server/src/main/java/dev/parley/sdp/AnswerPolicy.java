package dev.parley.sdp;

import java.util.List;

/**
 * What a publish answer accepts.
 *
 * @param maxTracks audio and video m= sections accepted per connection; the rest are rejected
 * @param codecs the codecs accepted, most preferred first: each m= section gets the first of these
 *     its offer has, and only that one, so every subscriber of a track decodes the same codec
 */
public record AnswerPolicy(int maxTracks, List<Codec> codecs) {
  public static final AnswerPolicy DEFAULT =
      new AnswerPolicy(8, List.of(Codec.OPUS, Codec.VP8, Codec.H264));

  public AnswerPolicy {
    if (maxTracks < 1 || maxTracks > SdpParser.MAX_SECTIONS) {
      throw new IllegalArgumentException(
          "maxTracks is 1.." + SdpParser.MAX_SECTIONS + ", not " + maxTracks);
    }
    codecs = List.copyOf(codecs);
  }
}
