package dev.parley.config;

import java.util.Objects;

/**
 * Everything the server is told at start-up, immutable, built once by {@link ConfigLoader} from
 * the YAML file, then {@code PARLEY_*} environment variables, then command-line flags.
 * Nothing else in Parley reads the environment or system properties.
 *
 * @param secret signs resume tokens (later also access tokens and TURN credentials); {@code null}
 *     means none was configured, and the server then makes a random one that lives as long as
 *     the process, so resume tokens do not survive a restart.
 * @param cluster the Redis shared with other nodes, if any
 */
public record ParleyConfig(HttpConfig http, SignalConfig signal, LegacyConfig legacy, LogConfig log, String secret,
    TurnConfig turn, ClusterConfig cluster) {
  public ParleyConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(legacy, "legacy");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(turn, "turn");
    Objects.requireNonNull(cluster, "cluster");
  }

  /** A single node: no cluster. */
  public ParleyConfig(HttpConfig http, SignalConfig signal, LegacyConfig legacy, LogConfig log, String secret,
      TurnConfig turn) {
    this(http, signal, legacy, log, secret, turn, new ClusterConfig(null));
  }

  public ParleyConfig withHttp(HttpConfig http) {
    return new ParleyConfig(http, signal, legacy, log, secret, turn, cluster);
  }

  public ParleyConfig withSignal(SignalConfig signal) {
    return new ParleyConfig(http, signal, legacy, log, secret, turn, cluster);
  }

  public ParleyConfig withTurn(TurnConfig turn) {
    return new ParleyConfig(http, signal, legacy, log, secret, turn, cluster);
  }

  public ParleyConfig withCluster(ClusterConfig cluster) {
    return new ParleyConfig(http, signal, legacy, log, secret, turn, cluster);
  }

  public ParleyConfig withSecret(String secret) {
    return new ParleyConfig(http, signal, legacy, log, secret, turn, cluster);
  }
}
