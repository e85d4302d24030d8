package dev.parley.sfu;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a publisher's SDP says of one track: the codec and payload types it sends, its mid, and its
 * encodings, lowest layer first.
 *
 * @param rtxPayloadType the RFC 4588 payload type of its retransmissions, or -1
 * @param mid the media section's id (RFC 9143), needed when encodings are known by rid only
 */
public record TrackSpec(
    String trackId,
    Codec codec,
    int payloadType,
    int rtxPayloadType,
    String mid,
    List<Encoding> encodings) {
  /** Simulcast as browsers send it: three layers. */
  public static final int MAX_LAYERS = 3;

  public TrackSpec {
    encodings = List.copyOf(encodings);
    if (trackId == null || trackId.isEmpty()) {
      throw new IllegalArgumentException("a track needs an id");
    }
    checkPayloadType(payloadType);
    if (rtxPayloadType != -1) {
      checkPayloadType(rtxPayloadType);
    }
    if (encodings.isEmpty() || encodings.size() > (codec.video ? MAX_LAYERS : 1)) {
      throw new IllegalArgumentException(
          codec + " track " + trackId + " has " + encodings.size() + " encodings");
    }
    Set<Object> seen = new HashSet<>();
    for (Encoding encoding : encodings) {
      if ((encoding.ssrc() != 0 && !seen.add(encoding.ssrc()))
          || (encoding.rid() != null && !seen.add(encoding.rid()))) {
        throw new IllegalArgumentException("track " + trackId + " names an encoding twice");
      }
      if (encoding.ssrc() == 0 && mid == null) {
        throw new IllegalArgumentException("track " + trackId + " has a rid but no mid");
      }
    }
  }

  private static void checkPayloadType(int payloadType) {
    // RFC 5761 section 4: 64-95 would collide with RTCP on a shared port.
    if (payloadType < 0 || payloadType > 127 || (payloadType >= 64 && payloadType <= 95)) {
      throw new IllegalArgumentException("payload type " + payloadType + " is not 0-63 or 96-127");
    }
  }
}
