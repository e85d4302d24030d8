package dev.parley.auth;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client IP address: joins per address, and on the TURN side answers an attacker
 * could make us send to a spoofed address (401 challenges) and guesses at credentials (failed
 * authentications). Buckets refill at {@code perSecond} up to {@code burst}; full buckets are
 * forgotten so the map stays small. Thread-safe.
 */
public final class AddressLimiter {
  private static final int MAX_SOURCES = 100_000;

  private final double perNano;
  private final int burst;
  private final ConcurrentHashMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long lastNanos;

    Bucket(double tokens, long lastNanos) {
      this.tokens = tokens;
      this.lastNanos = lastNanos;
    }
  }

  public AddressLimiter(double perSecond, int burst) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
  }

  /** Takes a token for this address; false when its bucket is empty. */
  public boolean tryAcquire(InetAddress address) {
    long now = System.nanoTime();
    if (buckets.size() > MAX_SOURCES) {
      buckets.entrySet().removeIf(e -> refill(e.getValue(), now) >= burst);
    }
    Bucket bucket = buckets.computeIfAbsent(address, s -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = refill(bucket, now);
      bucket.lastNanos = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  /** Whether this address still has a token, without taking one. */
  public boolean hasToken(InetAddress address) {
    Bucket bucket = buckets.get(address);
    if (bucket == null) {
      return true;
    }
    synchronized (bucket) {
      return refill(bucket, System.nanoTime()) >= 1;
    }
  }

  private double refill(Bucket bucket, long now) {
    return Math.min(burst, bucket.tokens + (now - bucket.lastNanos) * perNano);
  }
}
