package dev.parley.sfu;

import dev.parley.rtp.Remb;
import dev.parley.rtp.RtcpPacket;

/**
 * The subscriber's own estimate, as its receiver reports it in REMB (libwebrtc sends one about
 * every second, and at once when its estimate drops): the latest value stands.
 */
public final class RembEstimator implements BandwidthEstimator {
  private long bitsPerSecond = -1;

  @Override
  public void feedback(RtcpPacket packet, long nowNanos) {
    if (packet instanceof Remb remb) {
      bitsPerSecond = remb.bitrate();
    }
  }

  @Override
  public long bitsPerSecond(long nowNanos) {
    return bitsPerSecond;
  }
}
