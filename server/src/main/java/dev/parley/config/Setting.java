package dev.parley.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One setting Parley reads at start-up; the settings themselves are declared by area ({@link
 * ServerSettings}, {@link SignalSettings}, ... one per config record). {@link #all()} is the
 * catalog the loader, the command line, the tests and {@code docs/configuration.md} all follow: a
 * setting added here is at once a YAML key, a {@code PARLEY_*} variable and a flag.
 */
public final class Setting<T> {
  static final int MAX = Integer.MAX_VALUE;
  static final int MIN_SECRET_LENGTH = 32;

  /** Every setting, in the order help and docs list them. */
  public static List<Setting<?>> all() {
    return Catalog.ALL;
  }

  // In a holder, not a field of this class: the areas' fields are Settings, so this class is
  // initialised while the first area is, and a list built then would see that area's fields null.
  private static final class Catalog {
    static final List<Setting<?>> ALL =
        List.of(
            ServerSettings.CONFIG,
            ServerSettings.BIND,
            ServerSettings.PORT,
            ServerSettings.ALLOWED_ORIGINS,
            ServerSettings.MAX_CONNECTIONS_PER_IP,
            ServerSettings.MAX_FRAME_BYTES,
            ServerSettings.HANDSHAKE_TIMEOUT,
            ServerSettings.PING_INTERVAL,
            ServerSettings.IDLE_TIMEOUT,
            ServerSettings.OUTBOUND_BUFFER_BYTES,
            ServerSettings.DRAIN_TIMEOUT,
            ServerSettings.WEB_ROOT,
            SignalSettings.MAX_ROOMS,
            SignalSettings.MAX_PEERS_PER_ROOM,
            SignalSettings.ROOM_MEDIA,
            SignalSettings.ROOM_MEDIA_THRESHOLD,
            SignalSettings.MESSAGES_PER_SECOND,
            SignalSettings.MESSAGE_BURST,
            SignalSettings.RESUME_WINDOW,
            SignalSettings.RESUME_BUFFER_MESSAGES,
            SignalSettings.RESUME_BUFFER_BYTES,
            SignalSettings.RESUME_TOKEN_TTL,
            SignalSettings.LEGACY,
            SignalSettings.LEGACY_CANDIDATE_DELAY,
            TlsSettings.TLS_CERT,
            TlsSettings.TLS_KEY,
            TlsSettings.TLS_SELF_SIGNED,
            TlsSettings.HTTP_REDIRECT_PORT,
            TlsSettings.HSTS_MAX_AGE,
            TurnSettings.TURN,
            TurnSettings.TURN_BIND,
            TurnSettings.TURN_PORT,
            TurnSettings.TURN_TLS_PORT,
            TurnSettings.TURN_ON_WEB_PORT,
            TurnSettings.TURN_EXTERNAL_IP,
            TurnSettings.TURN_REALM,
            TurnSettings.TURN_RELAY_PORTS,
            TurnSettings.TURN_MAX_LIFETIME,
            TurnSettings.TURN_ALLOW_PRIVATE_PEERS,
            TurnSettings.TURN_MAX_ALLOCATIONS_PER_USER,
            TurnSettings.TURN_MAX_ALLOCATIONS,
            TurnSettings.TURN_MAX_BITRATE,
            TurnSettings.TURN_TCP_ALLOCATE_TIMEOUT,
            TurnSettings.TURN_CREDENTIAL_TTL,
            TurnSettings.TURN_AUTH_FAILURES_PER_MINUTE,
            TurnSettings.TURN_SERVERS,
            MediaSettings.MEDIA_PORT,
            MediaSettings.MEDIA_MAX_TRANSPORTS,
            MediaSettings.MEDIA_CONSENT_TIMEOUT,
            MediaSettings.MEDIA_MAX_TRACKS_PER_PARTICIPANT,
            MediaSettings.MEDIA_MAX_PUBLISHER_BITRATE,
            ClusterSettings.REDIS,
            LogSettings.LOG_FORMAT,
            LogSettings.LOG_LEVEL,
            AuthSettings.SECRET,
            AuthSettings.AUTH,
            AuthSettings.ADMIN_KEY,
            AuthSettings.JOINS_PER_MINUTE_PER_IP,
            WebhookSettings.WEBHOOK_URL,
            WebhookSettings.WEBHOOK_SECRET,
            WebhookSettings.WEBHOOK_TIMEOUT,
            WebhookSettings.WEBHOOK_RETRIES,
            WebhookSettings.WEBHOOK_RETRY_DELAY,
            WebhookSettings.WEBHOOK_QUEUE);
  }

  private final String key;
  private final String defaultValue;
  private final String description;
  private final Parser<T> parser;

  /**
   * @param defaultValue the text parsed when no source sets the key, or {@code null} for none
   */
  Setting(String key, String defaultValue, String description, Parser<T> parser) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.parser = parser;
  }

  /** The YAML key, {@code max-peers-per-room}. */
  public String key() {
    return key;
  }

  /** {@code --max-peers-per-room}. */
  public String flag() {
    return "--" + key;
  }

  /** {@code PARLEY_MAX_PEERS_PER_ROOM}. */
  public String envName() {
    return "PARLEY_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The default as a user would write it, or {@code none}. */
  public String defaultText() {
    return defaultValue == null || defaultValue.isEmpty() ? "none" : defaultValue;
  }

  public String description() {
    return description;
  }

  /** What a value looks like: {@code <duration>}, {@code text|json}. */
  public String label() {
    return parser.label();
  }

  /** Whether the value must never be echoed back, not even in an error. */
  boolean sensitive() {
    // A Redis or webhook URL may carry a password.
    return this == AuthSettings.SECRET
        || this == AuthSettings.ADMIN_KEY
        || this == ClusterSettings.REDIS
        || this == WebhookSettings.WEBHOOK_URL
        || this == WebhookSettings.WEBHOOK_SECRET;
  }

  String defaultValue() {
    return defaultValue;
  }

  Parser<T> parser() {
    return parser;
  }

  static Optional<Setting<?>> byKey(String key) {
    return all().stream().filter(s -> s.key.equals(key)).findFirst();
  }

  static Optional<Setting<?>> byEnvName(String name) {
    return all().stream().filter(s -> s.envName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return key;
  }
}
