package dev.parley.sfu;

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
}
