package dev.parley.config;

import static dev.parley.config.Setting.*;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Builds the {@link ParleyConfig} from, lowest precedence first: the defaults in {@link Setting},
 * the YAML file named by {@code --config} or {@code PARLEY_CONFIG}, {@code PARLEY_*} environment
 * variables, then command-line flags. Every value given is checked, even one a later source
 * overrides, so a mistake in the file never hides until the day a flag is dropped.
 */
public final class ConfigLoader {
  private static final String ENV_PREFIX = "PARLEY_";
  // Last-one-wins duplicate keys would let half of a pasted block silently override the other.
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private ConfigLoader() {}

  /** Text for a setting, and where it was written: a file path, a variable or a flag. */
  private record Given(Setting<?> setting, String text, String source) {}

  /** @param source {@code null} for the default */
  private record Resolved<T>(T value, String source) {}

  /**
   * @param flags values given on the command line, keyed by {@link Setting#key()}
   * @param env the process environment; every variable named {@code PARLEY_*} must be a setting
   * @throws ConfigException naming the setting and the source of the value it cannot use
   */
  public static ParleyConfig load(Map<String, String> flags, Map<String, String> env) {
    List<Given> fromFlags = fromFlags(flags);
    List<Given> fromEnv = fromEnv(env);
    Optional<Given> configPath = lastOf(CONFIG, fromFlags).or(() -> lastOf(CONFIG, fromEnv));
    List<Given> fromFile = configPath.map(ConfigLoader::fromFile).orElse(List.of());

    Values values = new Values();
    for (Setting<?> setting : ALL) {
      if (setting.defaultValue() != null) {
        values.put(new Given(setting, setting.defaultValue(), null));
      }
    }
    for (List<Given> source : List.of(fromFile, fromEnv, fromFlags)) {
      source.forEach(values::put);
    }
    checkTogether(values);
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
      throw new ConfigException("invalid value \"" + text + "\" for " + flag + ": expected " + e.getMessage());
    }
  }

  private static List<Given> fromFlags(Map<String, String> flags) {
    List<Given> given = new ArrayList<>();
    new TreeMap<>(flags).forEach((key, text) -> {
      Setting<?> setting = byKey(key)
          .orElseThrow(() -> new IllegalArgumentException("no setting named " + key));
      given.add(new Given(setting, text, setting.flag()));
    });
    return given;
  }

  private static List<Given> fromEnv(Map<String, String> env) {
    List<Given> given = new ArrayList<>();
    // Sorted, so that of several mistakes the same one is always reported.
    new TreeMap<>(env).forEach((name, text) -> {
      if (!name.startsWith(ENV_PREFIX)) {
        return;
      }
      Setting<?> setting = byEnvName(name).orElseThrow(() -> new ConfigException(
          "unknown environment variable " + name + closest(name.substring(ENV_PREFIX.length()))
              .map(s -> " (did you mean " + s.envName() + "?)")
              .orElse(" (every PARLEY_* variable must be a setting; see parley --help)")));
      given.add(new Given(setting, text, name));
    });
    return given;
  }

  private static Optional<Given> lastOf(Setting<?> setting, List<Given> given) {
    return given.stream().filter(g -> g.setting() == setting).reduce((first, second) -> second);
  }

  private static List<Given> fromFile(Given configPath) {
    Path path = parse(CONFIG, configPath);
    String name = configPath.text();
    JsonNode root;
    try (InputStream in = Files.newInputStream(path)) {
      root = YAML.readTree(in);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + name + " (from " + configPath.source() + ") does not exist");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException("cannot parse config file " + name + ": " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + name + " (from " + configPath.source() + "): " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isObject()) {
      throw new ConfigException("config file " + name + " must be a mapping of settings to values, such as port: 8080");
    }
    List<Given> given = new ArrayList<>();
    root.properties().forEach(field -> {
      String key = field.getKey();
      if (key.equals(CONFIG.key())) {
        throw new ConfigException("config cannot be set inside a config file (" + name + "); give it as "
            + CONFIG.flag() + " or " + CONFIG.envName());
      }
      Setting<?> setting = byKey(key).orElseThrow(() -> new ConfigException(
          "unknown setting \"" + key + "\" in " + name
              + closest(key).map(s -> " (did you mean " + s.key() + "?)").orElse("")));
      given.add(new Given(setting, text(setting, field.getValue()), name));
    });
    return given;
  }

  /** The node as the text a flag would carry, so that one parser serves every source. */
  private static String text(Setting<?> setting, JsonNode node) {
    if (node.isNull()) {
      return "";
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    if (node.isArray() && setting.parser().list()) {
      return StreamSupport.stream(node.spliterator(), false)
          .map(element -> element.isValueNode() ? element.asText() : element.toString())
          .collect(Collectors.joining(","));
    }
    // Rendered as JSON, which no parser accepts, so the error shows what was written.
    return node.toString();
  }

  private static <T> T parse(Setting<T> setting, Given given) {
    try {
      return setting.parser().apply(given.text());
    } catch (Parser.Invalid e) {
      String value = setting.sensitive() ? "" : " \"" + given.text() + "\"";
      String source = given.source() == null ? "default" : given.source();
      throw new ConfigException("invalid value" + value + " for " + setting.key()
          + " (from " + source + "): expected " + e.getMessage());
    }
  }

  private static void checkTogether(Values values) {
    Function<Duration, String> duration = Parser::formatDuration;
    Function<Integer, String> size = Parser::formatSize;
    if (values.get(IDLE_TIMEOUT).compareTo(values.get(PING_INTERVAL)) <= 0) {
      throw conflict(values, IDLE_TIMEOUT, "must be longer than", PING_INTERVAL, duration,
          "or connections would be closed before a ping is answered");
    }
    if (values.get(OUTBOUND_BUFFER_BYTES) < values.get(MAX_FRAME_BYTES)) {
      throw conflict(values, OUTBOUND_BUFFER_BYTES, "must be at least", MAX_FRAME_BYTES, size,
          "so that the largest message a client may send can be relayed");
    }
    if (values.get(RESUME_BUFFER_BYTES) < values.get(MAX_FRAME_BYTES)) {
      throw conflict(values, RESUME_BUFFER_BYTES, "must be at least", MAX_FRAME_BYTES, size,
          "so that the largest message a client may send can be kept for a dropped peer");
    }
    if (values.get(AUTH) == AuthConfig.Mode.TOKEN && values.get(SECRET) == null) {
      throw new ConfigException(describe(values, AUTH, mode -> "token") + " needs " + SECRET.key()
          + ": access tokens are signed with it by your application's backend, so it must be the same on both sides");
    }
    if (values.get(REDIS) != null && values.get(SECRET) == null) {
      throw new ConfigException("redis (from " + values.resolved(REDIS).source() + ") needs a secret shared by every"
          + " node: each node checks the resume tokens and TURN credentials the others issue");
    }
    if (values.get(RESUME_TOKEN_TTL).compareTo(values.get(RESUME_WINDOW)) < 0) {
      throw conflict(values, RESUME_TOKEN_TTL, "must be at least", RESUME_WINDOW, duration,
          "or tokens would expire while their peer may still resume");
    }
    if (values.get(WEBHOOK_URL) != null && values.get(WEBHOOK_SECRET) == null) {
      throw new ConfigException("webhook-url (from " + values.resolved(WEBHOOK_URL).source() + ") needs "
          + WEBHOOK_SECRET.key() + ": every webhook is signed with it, so that the receiver can tell Parley's events"
          + " from anyone else's");
    }
    checkTls(values);
  }

  private static void checkTls(Values values) {
    if ((values.get(TLS_CERT) == null) != (values.get(TLS_KEY) == null)) {
      Setting<Path> given = values.get(TLS_CERT) != null ? TLS_CERT : TLS_KEY;
      Setting<Path> missing = given == TLS_CERT ? TLS_KEY : TLS_CERT;
      throw new ConfigException(given.key() + " (from " + values.resolved(given).source() + ") needs "
          + missing.key() + " too: a certificate is served with its private key");
    }
    boolean certificate = values.get(TLS_CERT) != null;
    if (certificate && values.get(TLS_SELF_SIGNED)) {
      throw new ConfigException("tls-self-signed (from " + values.resolved(TLS_SELF_SIGNED).source()
          + ") and tls-cert (from " + values.resolved(TLS_CERT).source() + ") cannot both be used: choose one certificate");
    }
    boolean tls = certificate || values.get(TLS_SELF_SIGNED);
    if (!tls && values.get(HTTP_REDIRECT_PORT) != null) {
      throw needsTls(values, HTTP_REDIRECT_PORT);
    }
    if (!tls && !values.get(HSTS_MAX_AGE).isZero()) {
      throw needsTls(values, HSTS_MAX_AGE);
    }
    if (tls) {
      checkTurnTlsPort(values);
    }
    checkPortsBesideTheWebPort(values, tls);
    Integer redirect = values.get(HTTP_REDIRECT_PORT);
    if (redirect != null && redirect != 0 && redirect.equals(values.get(PORT))) {
      throw new ConfigException("http-redirect-port (" + redirect + " from " + values.resolved(HTTP_REDIRECT_PORT).source()
          + ") must differ from port, which serves HTTPS");
    }
  }

  private static void checkTurnTlsPort(Values values) {
    int tlsPort = values.get(TURN_TLS_PORT);
    if (values.get(TURN) && tlsPort != 0 && tlsPort == values.get(TURN_PORT)) {
      throw new ConfigException("turn-tls-port (" + tlsPort + " from " + source(values, TURN_TLS_PORT)
          + ") must differ from turn-port (" + source(values, TURN_PORT) + "), whose TCP listener speaks plain TURN");
    }
  }

  /**
   * With turn-on-web-port off, a TURN port that is the web port (on the same hosts) would fail to
   * bind with a bare "address already in use": say which settings collide instead. With it on,
   * the web listener serves that port's TURN, and the TURN server leaves the TCP side to it.
   */
  private static void checkPortsBesideTheWebPort(Values values, boolean tls) {
    if (!values.get(TURN) || values.get(TURN_ON_WEB_PORT)
        || !TurnConfig.sameHosts(values.get(TURN_BIND), values.get(BIND)) || values.get(PORT) == 0) {
      return;
    }
    for (Setting<Integer> turnPort : tls ? List.of(TURN_PORT, TURN_TLS_PORT) : List.of(TURN_PORT)) {
      if (values.get(turnPort).equals(values.get(PORT))) {
        throw new ConfigException(turnPort.key() + " (" + values.get(turnPort) + " from " + source(values, turnPort)
            + ") is port (from " + source(values, PORT) + "), but turn-on-web-port is false (from "
            + source(values, TURN_ON_WEB_PORT) + "): set it to true to serve TURN on the web port, or choose another "
            + turnPort.key());
      }
    }
  }

  private static String source(Values values, Setting<?> setting) {
    String source = values.resolved(setting).source();
    return source == null ? "the default" : source;
  }

  private static ConfigException needsTls(Values values, Setting<?> setting) {
    return new ConfigException(setting.key() + " (from " + values.resolved(setting).source()
        + ") needs TLS: set tls-cert and tls-key, or tls-self-signed");
  }

  private static <T> ConfigException conflict(Values values, Setting<T> setting, String relation,
      Setting<T> other, Function<T, String> format, String reason) {
    return new ConfigException(describe(values, setting, format) + " " + relation + " "
        + describe(values, other, format) + ", " + reason);
  }

  private static <T> String describe(Values values, Setting<T> setting, Function<T, String> format) {
    Resolved<T> resolved = values.resolved(setting);
    String source = resolved.source() == null ? " by default" : " from " + resolved.source();
    return setting.key() + " (" + format.apply(resolved.value()) + source + ")";
  }

  private static ParleyConfig build(Values v) {
    HttpConfig http = new HttpConfig(v.get(BIND), v.get(PORT), v.get(ALLOWED_ORIGINS),
        v.get(MAX_CONNECTIONS_PER_IP), v.get(MAX_FRAME_BYTES), v.get(PING_INTERVAL),
        v.get(IDLE_TIMEOUT), v.get(OUTBOUND_BUFFER_BYTES), v.get(DRAIN_TIMEOUT), v.get(WEB_ROOT),
        v.get(HANDSHAKE_TIMEOUT));
    SignalConfig signal = new SignalConfig(v.get(MAX_ROOMS), v.get(MAX_PEERS_PER_ROOM),
        v.get(MESSAGES_PER_SECOND), v.get(MESSAGE_BURST), v.get(RESUME_WINDOW),
        v.get(RESUME_BUFFER_MESSAGES), v.get(RESUME_BUFFER_BYTES), v.get(RESUME_TOKEN_TTL));
    LegacyConfig legacy = new LegacyConfig(v.get(LEGACY), v.get(LEGACY_CANDIDATE_DELAY));
    LogConfig log = new LogConfig(v.get(LOG_FORMAT), v.get(LOG_LEVEL));
    TurnConfig turn = new TurnConfig(v.get(TURN), v.get(TURN_BIND), v.get(TURN_PORT), v.get(TURN_ON_WEB_PORT),
        v.get(TURN_EXTERNAL_IP), v.get(TURN_REALM), v.get(TURN_RELAY_PORTS), v.get(TURN_MAX_LIFETIME),
        v.get(TURN_ALLOW_PRIVATE_PEERS),
        v.get(TURN_MAX_ALLOCATIONS_PER_USER), v.get(TURN_MAX_ALLOCATIONS), v.get(TURN_CREDENTIAL_TTL),
        v.get(TURN_SERVERS), v.get(TURN_MAX_BITRATE), v.get(TURN_TCP_ALLOCATE_TIMEOUT), v.get(TURN_AUTH_FAILURES_PER_MINUTE));
    TlsConfig tls = new TlsConfig(v.get(TLS_CERT), v.get(TLS_KEY), v.get(TLS_SELF_SIGNED), v.get(HTTP_REDIRECT_PORT),
        v.get(HSTS_MAX_AGE), v.get(TURN_TLS_PORT));
    AuthConfig auth = new AuthConfig(v.get(AUTH), v.get(ADMIN_KEY), v.get(JOINS_PER_MINUTE_PER_IP));
    WebhookConfig webhook = new WebhookConfig(v.get(WEBHOOK_URL), v.get(WEBHOOK_SECRET), v.get(WEBHOOK_TIMEOUT),
        v.get(WEBHOOK_RETRIES), v.get(WEBHOOK_RETRY_DELAY), v.get(WEBHOOK_QUEUE));
    return new ParleyConfig(http, signal, legacy, log, v.get(SECRET), turn, tls, auth, new ClusterConfig(v.get(REDIS)),
        webhook);
  }

  /**
   * The known key a mistyped one most likely meant: the same words in another case style
   * ({@code maxPeersPerRoom}, {@code MAX_PEERS_PER_ROOM}), or a few letters off.
   */
  static Optional<Setting<?>> closest(String typed) {
    String normal = typed.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    Setting<?> best = ALL.stream()
        .min(Comparator.comparingInt(s -> editDistance(normal, s.key())))
        .orElseThrow();
    return editDistance(normal, best.key()) <= Math.max(1, best.key().length() / 4)
        ? Optional.of(best) : Optional.empty();
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The value of each setting so far, with its source; a later {@link #put} overrides. */
  private static final class Values {
    private final Map<Setting<?>, Resolved<?>> resolved = new HashMap<>();

    void put(Given given) {
      store(given.setting(), given);
    }

    private <T> void store(Setting<T> setting, Given given) {
      resolved.put(setting, new Resolved<>(parse(setting, given), given.source()));
    }

    @SuppressWarnings("unchecked") // store() keeps only what the setting's own parser returned
    <T> Resolved<T> resolved(Setting<T> setting) {
      return (Resolved<T>) resolved.get(setting);
    }

    /** @return {@code null} for a setting with no default that no source set */
    <T> T get(Setting<T> setting) {
      Resolved<T> r = resolved(setting);
      return r == null ? null : r.value();
    }
  }
}
