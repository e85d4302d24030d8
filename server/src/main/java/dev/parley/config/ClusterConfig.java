package dev.parley.config;

import java.net.URI;

/**
 * Scale-out: several nodes sharing rooms through Redis.
 *
 * @param redis the {@code redis://} (or {@code rediss://}) URL of the Redis every node uses; {@code
 *     null} runs a single node with everything in memory
 */
public record ClusterConfig(URI redis) {
  public boolean enabled() {
    return redis != null;
  }
}
