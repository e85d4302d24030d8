package dev.parley.auth;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/** Caps open WebSocket connections per client IP address. Thread-safe. */
public final class ConnectionLimiter {
  private final int maxPerAddress;
  private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

  public ConnectionLimiter(int maxPerAddress) {
    this.maxPerAddress = maxPerAddress;
  }

  /** Counts one more connection from {@code address}; false (and nothing counted) at the cap. */
  public boolean tryAcquire(InetAddress address) {
    boolean[] acquired = {false};
    open.compute(
        address,
        (key, count) -> {
          int current = count == null ? 0 : count;
          if (current >= maxPerAddress) {
            return count;
          }
          acquired[0] = true;
          return current + 1;
        });
    return acquired[0];
  }

  public void release(InetAddress address) {
    open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
  }
}
