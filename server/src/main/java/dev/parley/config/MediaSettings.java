package dev.parley.config;

import static dev.parley.config.Setting.MAX;

import java.time.Duration;

/**
 * The settings of the media plane of SFU rooms (MediaConfig); {@link Setting#all()} lists every
 * area's.
 */
public final class MediaSettings {
  // A fixed port by default, so that one firewall rule serves all media and ./parley serves SFU
  // rooms out of the box; 0 is for tests, which run many servers at once.
  public static final Setting<Integer> MEDIA_PORT =
      new Setting<>(
          "media-port",
          "7882",
          "UDP port of the media plane (ICE-lite and DTLS-SRTP for all server-forwarded media in SFU rooms); 0 picks"
              + " a free one",
          Parser.wholeNumber(0, 65535));
  public static final Setting<Integer> MEDIA_MAX_TRANSPORTS =
      new Setting<>(
          "media-max-transports",
          "1000",
          "media transports (one per peer connection to this node) held at once; the next is refused",
          Parser.wholeNumber(1, MAX));
  // RFC 7675 section 5.1: consent expires 30 seconds after the last check that succeeded.
  public static final Setting<Duration> MEDIA_CONSENT_TIMEOUT =
      new Setting<>(
          "media-consent-timeout",
          "30s",
          "how long a media transport lives without a valid ICE connectivity check before it is closed",
          Parser.duration(Duration.ofMillis(100)));
  // A camera, a microphone, a shared screen and its sound.
  public static final Setting<Integer> MEDIA_MAX_TRACKS_PER_PARTICIPANT =
      new Setting<>(
          "media-max-tracks-per-participant",
          "4",
          "tracks one participant may publish at once in an SFU room; the next is refused",
          Parser.wholeNumber(1, 64));
  // Three simulcast layers of 720p (about 2.5 Mbit/s in all) with audio and a screen, and room.
  public static final Setting<Integer> MEDIA_MAX_PUBLISHER_BITRATE =
      new Setting<>(
          "media-max-publisher-bitrate",
          "6000000",
          "bits per second one participant may send to an SFU room, told to it by REMB; beyond twice that within a"
              + " second, packets are dropped",
          Parser.wholeNumber(64_000, MAX));

  private MediaSettings() {}
}
