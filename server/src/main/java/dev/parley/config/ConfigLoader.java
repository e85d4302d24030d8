package dev.parley.config;

import static dev.parley.config.AuthSettings.*;
import static dev.parley.config.ClusterSettings.*;
import static dev.parley.config.LogSettings.*;
import static dev.parley.config.MediaSettings.*;
import static dev.parley.config.ServerSettings.*;
import static dev.parley.config.SignalSettings.*;
import static dev.parley.config.TlsSettings.*;
import static dev.parley.config.TurnSettings.*;
import static dev.parley.config.WebhookSettings.*;

import java.time.Duration;
import java.util.Map;

/**
 * Builds the {@link ParleyConfig} from, lowest precedence first: the defaults in {@link Setting},
 * the YAML file named by {@code --config} or {@code PARLEY_CONFIG}, {@code PARLEY_*} environment
 * variables, then command-line flags. Every value given is checked, even one a later source
 * overrides, so a mistake in the file never hides until the day a flag is dropped.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param flags values given on the command line, keyed by {@link Setting#key()}
   * @param env the process environment; every variable named {@code PARLEY_*} must be a setting
   * @throws ConfigException naming the setting and the source of the value it cannot use
   */
  public static ParleyConfig load(Map<String, String> flags, Map<String, String> env) {
    Values values = new Values();
    for (Setting<?> setting : Setting.all()) {
      if (setting.defaultValue() != null) {
        values.put(new Given(setting, setting.defaultValue(), null));
      }
    }
    Sources.given(flags, env).forEach(values::put);
    CrossChecks.check(values);
    return build(values);
  }

  /**
   * A duration given to a command other than serve (such as {@code token --ttl}), read the way
   * duration settings are.
   *
   * @throws ConfigException naming {@code flag}
   */
  public static Duration duration(String flag, String text) {
    try {
      return Parser.duration(Duration.ofSeconds(1)).apply(text);
    } catch (Parser.Invalid e) {
      throw new ConfigException(
          "invalid value \"" + text + "\" for " + flag + ": expected " + e.getMessage());
    }
  }

  private static ParleyConfig build(Values v) {
    HttpConfig http =
        new HttpConfig(
            v.get(BIND),
            v.get(PORT),
            v.get(ALLOWED_ORIGINS),
            v.get(MAX_CONNECTIONS_PER_IP),
            v.get(MAX_FRAME_BYTES),
            v.get(PING_INTERVAL),
            v.get(IDLE_TIMEOUT),
            v.get(OUTBOUND_BUFFER_BYTES),
            v.get(DRAIN_TIMEOUT),
            v.get(WEB_ROOT),
            v.get(HANDSHAKE_TIMEOUT));
    SignalConfig signal =
        new SignalConfig(
            v.get(MAX_ROOMS),
            v.get(MAX_PEERS_PER_ROOM),
            v.get(MESSAGES_PER_SECOND),
            v.get(MESSAGE_BURST),
            v.get(RESUME_WINDOW),
            v.get(RESUME_BUFFER_MESSAGES),
            v.get(RESUME_BUFFER_BYTES),
            v.get(RESUME_TOKEN_TTL),
            v.get(ROOM_MEDIA),
            v.get(ROOM_MEDIA_THRESHOLD));
    LegacyConfig legacy = new LegacyConfig(v.get(LEGACY), v.get(LEGACY_CANDIDATE_DELAY));
    LogConfig log = new LogConfig(v.get(LOG_FORMAT), v.get(LOG_LEVEL));
    TurnConfig turn =
        new TurnConfig(
            v.get(TURN),
            v.get(TURN_BIND),
            v.get(TURN_PORT),
            v.get(TURN_ON_WEB_PORT),
            v.get(TURN_EXTERNAL_IP),
            v.get(TURN_REALM),
            v.get(TURN_RELAY_PORTS),
            v.get(TURN_MAX_LIFETIME),
            v.get(TURN_ALLOW_PRIVATE_PEERS),
            v.get(TURN_MAX_ALLOCATIONS_PER_USER),
            v.get(TURN_MAX_ALLOCATIONS),
            v.get(TURN_CREDENTIAL_TTL),
            v.get(TURN_SERVERS),
            v.get(TURN_MAX_BITRATE),
            v.get(TURN_TCP_ALLOCATE_TIMEOUT),
            v.get(TURN_AUTH_FAILURES_PER_MINUTE));
    TlsConfig tls =
        new TlsConfig(
            v.get(TLS_CERT),
            v.get(TLS_KEY),
            v.get(TLS_SELF_SIGNED),
            v.get(HTTP_REDIRECT_PORT),
            v.get(HSTS_MAX_AGE),
            v.get(TURN_TLS_PORT));
    AuthConfig auth = new AuthConfig(v.get(AUTH), v.get(ADMIN_KEY), v.get(JOINS_PER_MINUTE_PER_IP));
    WebhookConfig webhook =
        new WebhookConfig(
            v.get(WEBHOOK_URL),
            v.get(WEBHOOK_SECRET),
            v.get(WEBHOOK_TIMEOUT),
            v.get(WEBHOOK_RETRIES),
            v.get(WEBHOOK_RETRY_DELAY),
            v.get(WEBHOOK_QUEUE));
    MediaConfig media =
        new MediaConfig(
            v.get(MEDIA_PORT),
            v.get(MEDIA_MAX_TRANSPORTS),
            v.get(MEDIA_CONSENT_TIMEOUT),
            v.get(MEDIA_MAX_TRACKS_PER_PARTICIPANT),
            v.get(MEDIA_MAX_PUBLISHER_BITRATE));
    return new ParleyConfig(
        http,
        signal,
        legacy,
        log,
        v.get(SECRET),
        turn,
        tls,
        auth,
        new ClusterConfig(v.get(REDIS)),
        webhook,
        media);
  }
}
