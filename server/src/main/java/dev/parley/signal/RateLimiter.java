package dev.parley.signal;

/**
 * A token bucket per connection: {@code perSecond} sustained, {@code burst} at once. Refusals are
 * counted so that a client that keeps pushing while limited can be disconnected. Only touched on
 * the connection's event loop.
 */
final class RateLimiter {
  private final double perNano;
  private final int burst;
  private double tokens;
  private long lastNanos;
  private int refusedInARow;

  RateLimiter(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes one token; false when the bucket is empty. */
  boolean tryAcquire(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      refusedInARow = 0;
      return true;
    }
    refusedInARow++;
    return false;
  }

  /**
   * A client that had a whole burst refused without once slowing down enough to earn a token is not
   * a client in trouble but one ignoring the {@code rate-limited} errors.
   */
  boolean abusive() {
    return refusedInARow > burst;
  }
}
