package dev.parley.sfu;

import dev.parley.config.MediaConfig;

/**
 * What one participant may ask of the unit.
 *
 * @param maxTracksPerParticipant tracks one participant publishes at once; the next is refused
 * @param maxPublisherBitrate bits per second one publisher may send: it is told so by REMB, and
 *     what it sends beyond twice that within a second is dropped
 */
public record SfuLimits(int maxTracksPerParticipant, long maxPublisherBitrate) {
  public SfuLimits {
    if (maxTracksPerParticipant < 1 || maxPublisherBitrate < 1) {
      throw new IllegalArgumentException("SFU limits are positive");
    }
  }

  /**
   * The limits the settings {@code media-max-tracks-per-participant} and {@code
   * media-max-publisher-bitrate} give.
   */
  public static SfuLimits of(MediaConfig media) {
    return new SfuLimits(media.maxTracksPerParticipant(), media.maxPublisherBitrate());
  }
}
