package dev.parley.config;

/**
 * The settings of the cluster: Redis and the links between nodes (ClusterConfig); {@link
 * Setting#all()} lists every area's.
 */
public final class ClusterSettings {
  public static final Setting<java.net.URI> REDIS =
      new Setting<>(
          "redis",
          null,
          "redis:// URL of the Redis that nodes of a cluster share rooms through; unset, one node keeps everything in memory",
          AddressParsers.redisUrl());

  private ClusterSettings() {}
}
