package dev.parley.config;

import java.time.Duration;

/**
 * The media plane's one UDP port (ICE-lite, then DTLS-SRTP and RTP on it, demultiplexed per RFC
 * 7983).
 *
 * @param port the UDP port; {@code null} leaves the media plane off (nothing uses it until SFU
 *     rooms do), 0 picks a free one (tests)
 * @param maxTransports ICE transports (one per peer connection) this node holds at once
 * @param consentTimeout how long a transport lives without a valid connectivity check (RFC 7675)
 * @param maxTracksPerParticipant tracks one participant may publish to an SFU room
 * @param maxPublisherBitrate bits per second one participant may send to an SFU room
 */
public record MediaConfig(
    Integer port,
    int maxTransports,
    Duration consentTimeout,
    int maxTracksPerParticipant,
    int maxPublisherBitrate) {
  public boolean enabled() {
    return port != null;
  }
}
