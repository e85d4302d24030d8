package dev.parley.turn;

import java.util.function.LongSupplier;

/**
 * The bandwidth cap of one direction of one allocation ({@code turn-max-bitrate}): a token bucket
 * filled at the cap's rate. It holds one second of traffic, and never less than the largest UDP
 * datagram, so any one packet can pass once the bucket has refilled. Not thread-safe: each
 * allocation touches its buckets on its own event loop only.
 */
final class TokenBucket {
  private static final int LARGEST_DATAGRAM = 65_535;
  private static final double NANOS_PER_SECOND = 1e9;

  private final double bytesPerSecond;
  private final double capacity;
  private final LongSupplier nanoTime;
  private double tokens;
  private long filledAt;

  /**
   * @param bitsPerSecond the cap; 0 for none, and then every packet passes
   */
  TokenBucket(int bitsPerSecond, LongSupplier nanoTime) {
    this.bytesPerSecond = bitsPerSecond / 8.0;
    this.capacity = Math.max(bytesPerSecond, LARGEST_DATAGRAM);
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.filledAt = nanoTime.getAsLong();
  }

  /** Takes {@code bytes} if the bucket holds that many; false means the packet is over the cap. */
  boolean take(int bytes) {
    if (bytesPerSecond == 0) {
      return true;
    }
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - filledAt) / NANOS_PER_SECOND * bytesPerSecond);
    filledAt = now;
    if (tokens < bytes) {
      return false;
    }
    tokens -= bytes;
    return true;
  }
}
