package dev.parley.sdp;

import java.util.OptionalLong;

/**
 * A track the SFU forwards to one subscriber, as its subscribe offer states it.
 *
 * @param track the msid track id, unique in the room (the publisher's, so the app can tell tracks
 *     apart); also what keeps the track's m= section and mid across renegotiations
 * @param stream the msid stream id: the publisher's participant id, so a subscriber groups a
 *     publisher's audio and video (and synchronizes them: it is the cname too)
 * @param ssrc the subscriber's stable SSRC for this track ({@code rtp.StreamRewriter}'s)
 * @param rtxSsrc its RTX SSRC, empty for a codec without RTX
 */
public record ForwardedTrack(
    String track, String stream, Codec codec, long ssrc, OptionalLong rtxSsrc) {
  public ForwardedTrack {
    if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("an SSRC is 32 bits: " + ssrc);
    }
    if (rtxSsrc.isPresent() != (codec.rtxPayloadType() >= 0)) {
      throw new IllegalArgumentException(codec + " takes an RTX SSRC exactly when it has RTX");
    }
  }

  public MediaKind kind() {
    return codec.kind();
  }
}
