package dev.parley.sdp;

import java.util.Optional;
import java.util.Set;

/**
 * The RTP header extensions the SFU reads or writes (RFC 8285), with the ids of its subscribe
 * offers: the SFU's own on every subscribe connection, for the reason {@link Codec} gives for
 * payload types.
 */
public enum HeaderExtension {
  AUDIO_LEVEL("urn:ietf:params:rtp-hdrext:ssrc-audio-level", 1, Set.of(MediaKind.AUDIO)),
  ABS_SEND_TIME(
      "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
      2,
      Set.of(MediaKind.AUDIO, MediaKind.VIDEO)),
  TRANSPORT_CC(
      "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
      3,
      Set.of(MediaKind.AUDIO, MediaKind.VIDEO)),
  MID("urn:ietf:params:rtp-hdrext:sdes:mid", 4, Set.of(MediaKind.AUDIO, MediaKind.VIDEO)),
  /** Publish side only: the subscriber gets one layer, so no rid. */
  RTP_STREAM_ID("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 0, Set.of()),
  REPAIRED_RTP_STREAM_ID("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id", 0, Set.of());

  private final String uri;
  private final int subscribeId;
  private final Set<MediaKind> subscribed;

  HeaderExtension(String uri, int subscribeId, Set<MediaKind> subscribed) {
    this.uri = uri;
    this.subscribeId = subscribeId;
    this.subscribed = subscribed;
  }

  public String uri() {
    return uri;
  }

  /** The id in the SFU's subscribe offers; 0 for an extension they do not carry. */
  public int subscribeId() {
    return subscribeId;
  }

  boolean subscribedFor(MediaKind kind) {
    return subscribed.contains(kind);
  }

  static Optional<HeaderExtension> of(String uri) {
    for (HeaderExtension extension : values()) {
      if (extension.uri.equals(uri)) {
        return Optional.of(extension);
      }
    }
    return Optional.empty();
  }
}
