package dev.parley.sfu;

import java.util.concurrent.TimeUnit;

/** Bits per second over the last whole window of a second: cheap enough for every packet. */
final class BitrateMeter {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private long windowStart = Long.MIN_VALUE;
  private long windowBytes;
  private long lastBitsPerSecond;

  void add(int bytes, long nowNanos) {
    roll(nowNanos);
    windowBytes += bytes;
  }

  /** The rate of the last full window; 0 if it saw nothing or was long ago. */
  long bitsPerSecond(long nowNanos) {
    roll(nowNanos);
    return lastBitsPerSecond;
  }

  /** Bytes counted so far in the current window. */
  long windowBytes(long nowNanos) {
    roll(nowNanos);
    return windowBytes;
  }

  private void roll(long nowNanos) {
    if (windowStart == Long.MIN_VALUE) {
      windowStart = nowNanos;
      return;
    }
    long elapsed = nowNanos - windowStart;
    if (elapsed >= WINDOW_NANOS) {
      lastBitsPerSecond = elapsed < 2 * WINDOW_NANOS ? windowBytes * 8 * WINDOW_NANOS / elapsed : 0;
      windowBytes = 0;
      windowStart = nowNanos;
    }
  }
}
