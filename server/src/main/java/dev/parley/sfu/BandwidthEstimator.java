package dev.parley.sfu;

import dev.parley.rtp.RtcpPacket;

/**
 * A subscriber's downlink estimate, from the feedback its receiver sends (REMB now; a transport-cc
 * based estimator would read {@link dev.parley.rtp.TransportFeedback} and the send times the unit
 * stamps). Used on the unit's thread.
 */
public interface BandwidthEstimator {
  /** Reads what it needs of one RTCP packet from the subscriber, received at {@code nowNanos}. */
  void feedback(RtcpPacket packet, long nowNanos);

  /** Bits per second the subscriber can take now, or -1 before any estimate. */
  long bitsPerSecond(long nowNanos);
}
