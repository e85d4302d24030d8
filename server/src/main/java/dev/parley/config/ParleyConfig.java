package dev.parley.config;

import java.util.Objects;

/**
 * Everything the server is told at start-up, immutable, built once by {@link ConfigLoader} from the
 * YAML file, then {@code PARLEY_*} environment variables, then command-line flags. Nothing else in
 * Parley reads the environment or system properties.
 *
 * @param secret signs resume tokens and TURN credentials, and checks access tokens; {@code null}
 *     means none was configured, and the server then makes a random one that lives as long as the
 *     process, so resume tokens do not survive a restart.
 * @param cluster the Redis shared with other nodes, if any
 * @param webhook where room and peer events are sent, if anywhere
 * @param media the media plane's UDP port, if it runs
 */
public record ParleyConfig(
    HttpConfig http,
    SignalConfig signal,
    LegacyConfig legacy,
    LogConfig log,
    String secret,
    TurnConfig turn,
    TlsConfig tls,
    AuthConfig auth,
    ClusterConfig cluster,
    WebhookConfig webhook,
    MediaConfig media) {
  public ParleyConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(legacy, "legacy");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(turn, "turn");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(media, "media");
  }

  /**
   * Whether TURN's TCP port is the web port, whose listener then serves TURN over TCP in its stead.
   */
  public boolean turnPortIsWebPort() {
    return turn.servedByWebPort(http, turn.port());
  }

  /**
   * Whether TURN over TLS has the HTTPS port, whose listener then serves {@code turns:} in its
   * stead.
   */
  public boolean turnTlsPortIsWebPort() {
    return tls.enabled() && turn.servedByWebPort(http, tls.turnPort());
  }
}
