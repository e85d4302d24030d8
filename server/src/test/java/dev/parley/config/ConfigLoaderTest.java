package dev.parley.config;

import static dev.parley.config.AuthSettings.*;
import static dev.parley.config.ClusterSettings.*;
import static dev.parley.config.ConfigFixtures.SECRET_32;
import static dev.parley.config.ConfigFixtures.yaml;
import static dev.parley.config.LogSettings.*;
import static dev.parley.config.MediaSettings.*;
import static dev.parley.config.ServerSettings.*;
import static dev.parley.config.SignalSettings.*;
import static dev.parley.config.TlsSettings.*;
import static dev.parley.config.TurnSettings.*;
import static dev.parley.config.WebhookSettings.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every setting from every source (file, environment, flags), and which one wins. */
final class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsWithNothingGiven() {
    ParleyConfig config = ConfigLoader.load(Map.of(), Map.of("PATH", "/usr/bin", "HOME", "/root"));

    assertThat(config.http())
        .returns(List.of("localhost"), HttpConfig::bind)
        .returns(8080, HttpConfig::port)
        .returns(List.of(), HttpConfig::allowedOrigins)
        .returns(64, HttpConfig::maxConnectionsPerIp)
        .returns(65536, HttpConfig::maxFrameBytes)
        .returns(Duration.ofSeconds(10), HttpConfig::pingInterval)
        .returns(Duration.ofSeconds(30), HttpConfig::idleTimeout)
        .returns(1024 * 1024, HttpConfig::outboundBufferBytes)
        .returns(Duration.ofSeconds(10), HttpConfig::drainTimeout)
        .returns(null, HttpConfig::webRoot)
        .returns(Duration.ofSeconds(10), HttpConfig::handshakeTimeout);
    assertThat(config.signal())
        .returns(10_000, SignalConfig::maxRooms)
        .returns(16, SignalConfig::maxPeersPerRoom)
        .returns(100, SignalConfig::messagesPerSecond)
        .returns(200, SignalConfig::messageBurst)
        .returns(Duration.ofSeconds(20), SignalConfig::resumeWindow)
        .returns(256, SignalConfig::resumeBufferMessages)
        .returns(1024 * 1024, SignalConfig::resumeBufferBytes)
        .returns(Duration.ofHours(24), SignalConfig::resumeTokenTtl);
    assertThat(config.legacy())
        .returns(true, LegacyConfig::enabled)
        .returns(Duration.ofMillis(300), LegacyConfig::candidateDelay);
    assertThat(config.log())
        .returns(LogConfig.Format.TEXT, LogConfig::format)
        .returns("info", LogConfig::level);
    assertThat(config.secret()).isNull();
    assertThat(config.turn())
        .returns(true, TurnConfig::enabled)
        .returns(null, TurnConfig::bind)
        .returns(3478, TurnConfig::port)
        .returns(true, TurnConfig::onWebPort)
        .returns(null, TurnConfig::externalIp)
        .returns("parley", TurnConfig::realm)
        .returns(49152, t -> t.relayPorts().low())
        .returns(65535, t -> t.relayPorts().high())
        .returns(Duration.ofHours(1), TurnConfig::maxLifetime)
        .returns(false, TurnConfig::allowPrivatePeers)
        .returns(10, TurnConfig::maxAllocationsPerUser)
        .returns(1000, TurnConfig::maxAllocations)
        .returns(Duration.ofHours(12), TurnConfig::credentialTtl)
        .returns(List.of(), TurnConfig::servers)
        .returns(0, TurnConfig::maxBitrate)
        .returns(Duration.ofSeconds(30), TurnConfig::tcpAllocateTimeout)
        .returns(60, TurnConfig::authFailuresPerMinute);
    assertThat(config.tls())
        .returns(null, TlsConfig::certFile)
        .returns(null, TlsConfig::keyFile)
        .returns(false, TlsConfig::selfSigned)
        .returns(null, TlsConfig::redirectPort)
        .returns(Duration.ZERO, TlsConfig::hstsMaxAge)
        .returns(5349, TlsConfig::turnPort);
    assertThat(config.auth())
        .returns(AuthConfig.Mode.OPEN, AuthConfig::mode)
        .returns(null, AuthConfig::adminKey)
        .returns(60, AuthConfig::joinsPerMinutePerIp);
    assertThat(config.cluster().redis()).isNull();
    assertThat(config.webhook())
        .returns(null, WebhookConfig::url)
        .returns(null, WebhookConfig::secret)
        .returns(Duration.ofSeconds(5), WebhookConfig::timeout)
        .returns(5, WebhookConfig::retries)
        .returns(Duration.ofSeconds(1), WebhookConfig::retryDelay)
        .returns(10_000, WebhookConfig::queueSize);
  }

  @Test
  void flagsOverrideEnvironmentWhichOverridesTheFile() throws IOException {
    Path file = yaml(dir, "port: 1000\nmax-rooms: 7\n");
    Map<String, String> env = Map.of("PARLEY_CONFIG", file.toString(), "PARLEY_PORT", "2000");

    assertThat(ConfigLoader.load(Map.of("port", "3000"), env).http().port()).isEqualTo(3000);
    assertThat(ConfigLoader.load(Map.of(), env).http().port()).isEqualTo(2000);
    assertThat(ConfigLoader.load(Map.of(), Map.of("PARLEY_CONFIG", file.toString())).http().port())
        .isEqualTo(1000);
    // A setting only the file gives survives the layers above it.
    assertThat(ConfigLoader.load(Map.of("port", "3000"), env).signal().maxRooms()).isEqualTo(7);
  }

  @Test
  void configFlagOverridesConfigVariable() throws IOException {
    Path fromEnv = yaml(dir, "port: 1000\n");
    Path fromFlag = Files.writeString(dir.resolve("other.yaml"), "port: 4000\n");

    ParleyConfig config =
        ConfigLoader.load(
            Map.of("config", fromFlag.toString()), Map.of("PARLEY_CONFIG", fromEnv.toString()));

    assertThat(config.http().port()).isEqualTo(4000);
  }

  /** A non-default value for every setting, and where it lands. */
  record Case(
      Setting<?> setting,
      String text,
      Function<ParleyConfig, Object> actual,
      Object expected,
      Map<String, String> alongside) {
    /** A setting that stands alone. */
    Case(Setting<?> setting, String text, Function<ParleyConfig, Object> actual, Object expected) {
      this(setting, text, actual, expected, Map.of());
    }

    @Override
    public String toString() {
      return setting.key() + "=" + text;
    }
  }

  static final List<Case> CASES =
      List.of(
          new Case(BIND, "0.0.0.0, ::", c -> c.http().bind(), List.of("0.0.0.0", "::")),
          new Case(PORT, "9000", c -> c.http().port(), 9000),
          new Case(
              ALLOWED_ORIGINS,
              "https://a.example,https://B.example:8443",
              c -> c.http().allowedOrigins(),
              List.of("https://a.example", "https://b.example:8443")),
          new Case(MAX_CONNECTIONS_PER_IP, "5", c -> c.http().maxConnectionsPerIp(), 5),
          new Case(MAX_FRAME_BYTES, "128KiB", c -> c.http().maxFrameBytes(), 131072),
          new Case(PING_INTERVAL, "5s", c -> c.http().pingInterval(), Duration.ofSeconds(5)),
          new Case(IDLE_TIMEOUT, "1m", c -> c.http().idleTimeout(), Duration.ofMinutes(1)),
          new Case(
              OUTBOUND_BUFFER_BYTES, "2MiB", c -> c.http().outboundBufferBytes(), 2 * 1024 * 1024),
          new Case(DRAIN_TIMEOUT, "0", c -> c.http().drainTimeout(), Duration.ZERO),
          new Case(WEB_ROOT, ".", c -> c.http().webRoot(), Path.of(".")),
          new Case(MAX_ROOMS, "5", c -> c.signal().maxRooms(), 5),
          new Case(MAX_PEERS_PER_ROOM, "4", c -> c.signal().maxPeersPerRoom(), 4),
          new Case(MESSAGES_PER_SECOND, "7", c -> c.signal().messagesPerSecond(), 7),
          new Case(MESSAGE_BURST, "9", c -> c.signal().messageBurst(), 9),
          new Case(RESUME_WINDOW, "PT45S", c -> c.signal().resumeWindow(), Duration.ofSeconds(45)),
          new Case(RESUME_BUFFER_MESSAGES, "10", c -> c.signal().resumeBufferMessages(), 10),
          new Case(RESUME_BUFFER_BYTES, "65536", c -> c.signal().resumeBufferBytes(), 65536),
          new Case(RESUME_TOKEN_TTL, "1d", c -> c.signal().resumeTokenTtl(), Duration.ofDays(1)),
          new Case(LEGACY, "off", c -> c.legacy().enabled(), false),
          new Case(
              LEGACY_CANDIDATE_DELAY,
              "1s",
              c -> c.legacy().candidateDelay(),
              Duration.ofSeconds(1)),
          new Case(
              TLS_CERT,
              "cert.pem",
              c -> c.tls().certFile(),
              Path.of("cert.pem"),
              Map.of("tls-key", "key.pem")),
          new Case(
              TLS_KEY,
              "key.pem",
              c -> c.tls().keyFile(),
              Path.of("key.pem"),
              Map.of("tls-cert", "cert.pem")),
          new Case(TLS_SELF_SIGNED, "yes", c -> c.tls().selfSigned(), true),
          new Case(
              HTTP_REDIRECT_PORT,
              "8081",
              c -> c.tls().redirectPort(),
              8081,
              Map.of("tls-self-signed", "true")),
          new Case(
              HSTS_MAX_AGE,
              "365d",
              c -> c.tls().hstsMaxAge(),
              Duration.ofDays(365),
              Map.of("tls-self-signed", "true")),
          new Case(TURN_TLS_PORT, "443", c -> c.tls().turnPort(), 443),
          new Case(TURN, "false", c -> c.turn().enabled(), false),
          new Case(TURN_BIND, "0.0.0.0", c -> c.turn().bind(), List.of("0.0.0.0")),
          new Case(TURN_PORT, "3479", c -> c.turn().port(), 3479),
          new Case(TURN_ON_WEB_PORT, "false", c -> c.turn().onWebPort(), false),
          new Case(TURN_EXTERNAL_IP, "203.0.113.7", c -> c.turn().externalIp(), "203.0.113.7"),
          new Case(TURN_REALM, "example.com", c -> c.turn().realm(), "example.com"),
          new Case(
              TURN_RELAY_PORTS,
              "40000-40099",
              c -> c.turn().relayPorts(),
              new PortRange(40000, 40099)),
          new Case(TURN_MAX_LIFETIME, "30m", c -> c.turn().maxLifetime(), Duration.ofMinutes(30)),
          new Case(TURN_ALLOW_PRIVATE_PEERS, "true", c -> c.turn().allowPrivatePeers(), true),
          new Case(TURN_MAX_ALLOCATIONS_PER_USER, "3", c -> c.turn().maxAllocationsPerUser(), 3),
          new Case(TURN_MAX_ALLOCATIONS, "50", c -> c.turn().maxAllocations(), 50),
          new Case(TURN_MAX_BITRATE, "2500000", c -> c.turn().maxBitrate(), 2_500_000),
          new Case(
              TURN_TCP_ALLOCATE_TIMEOUT,
              "5s",
              c -> c.turn().tcpAllocateTimeout(),
              Duration.ofSeconds(5)),
          new Case(TURN_CREDENTIAL_TTL, "1h", c -> c.turn().credentialTtl(), Duration.ofHours(1)),
          new Case(
              TURN_SERVERS,
              "turn:turn.example.com:3478?transport=udp",
              c -> c.turn().servers(),
              List.of("turn:turn.example.com:3478?transport=udp")),
          // A cluster cannot do without a shared secret.
          new Case(
              REDIS,
              "redis://:pa55@redis.internal:6380/2",
              c -> c.cluster().redis(),
              java.net.URI.create("redis://:pa55@redis.internal:6380/2"),
              Map.of("secret", SECRET_32)),
          new Case(
              WEBHOOK_URL,
              "https://backend.example/parley?key=k",
              c -> c.webhook().url(),
              java.net.URI.create("https://backend.example/parley?key=k"),
              Map.of("webhook-secret", SECRET_32)),
          new Case(WEBHOOK_SECRET, SECRET_32, c -> c.webhook().secret(), SECRET_32),
          new Case(WEBHOOK_TIMEOUT, "750ms", c -> c.webhook().timeout(), Duration.ofMillis(750)),
          new Case(WEBHOOK_RETRIES, "0", c -> c.webhook().retries(), 0),
          new Case(WEBHOOK_RETRY_DELAY, "2s", c -> c.webhook().retryDelay(), Duration.ofSeconds(2)),
          new Case(WEBHOOK_QUEUE, "50", c -> c.webhook().queueSize(), 50),
          new Case(MEDIA_PORT, "3479", c -> c.media().port(), 3479),
          new Case(ROOM_MEDIA, "SFU", c -> c.signal().roomMedia(), SignalConfig.RoomMedia.SFU),
          new Case(ROOM_MEDIA_THRESHOLD, "9", c -> c.signal().roomMediaThreshold(), 9),
          new Case(MEDIA_MAX_TRANSPORTS, "7", c -> c.media().maxTransports(), 7),
          new Case(
              MEDIA_CONSENT_TIMEOUT, "5s", c -> c.media().consentTimeout(), Duration.ofSeconds(5)),
          new Case(
              MEDIA_MAX_TRACKS_PER_PARTICIPANT, "2", c -> c.media().maxTracksPerParticipant(), 2),
          new Case(
              MEDIA_MAX_PUBLISHER_BITRATE, "800000", c -> c.media().maxPublisherBitrate(), 800_000),
          new Case(LOG_FORMAT, "JSON", c -> c.log().format(), LogConfig.Format.JSON),
          new Case(LOG_LEVEL, "Debug", c -> c.log().level(), "debug"),
          new Case(SECRET, SECRET_32, ParleyConfig::secret, SECRET_32),
          new Case(
              HANDSHAKE_TIMEOUT, "3s", c -> c.http().handshakeTimeout(), Duration.ofSeconds(3)),
          new Case(AUTH, "Open", c -> c.auth().mode(), AuthConfig.Mode.OPEN),
          new Case(ADMIN_KEY, SECRET_32, c -> c.auth().adminKey(), SECRET_32),
          new Case(TURN_AUTH_FAILURES_PER_MINUTE, "5", c -> c.turn().authFailuresPerMinute(), 5),
          new Case(JOINS_PER_MINUTE_PER_IP, "10", c -> c.auth().joinsPerMinutePerIp(), 10));

  enum Source {
    FILE,
    ENV,
    FLAG
  }

  static Stream<Arguments> everySettingFromEverySource() {
    return CASES.stream().flatMap(c -> Arrays.stream(Source.values()).map(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource
  void everySettingFromEverySource(Case c, Source source) throws IOException {
    Map<String, String> flags = new HashMap<>(c.alongside());
    ParleyConfig config =
        switch (source) {
          case FILE ->
              ConfigLoader.load(
                  flags,
                  Map.of(
                      "PARLEY_CONFIG",
                      yaml(dir, c.setting().key() + ": '" + c.text() + "'\n").toString()));
          case ENV -> ConfigLoader.load(flags, Map.of(c.setting().envName(), c.text()));
          case FLAG -> {
            flags.put(c.setting().key(), c.text());
            yield ConfigLoader.load(flags, Map.of());
          }
        };

    assertThat(c.actual().apply(config)).isEqualTo(c.expected());
  }

  @Test
  void casesCoverEverySettingButConfig() {
    assertThat(CASES.stream().map(Case::setting).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(
            Setting.all().stream().filter(s -> s != CONFIG).toList());
  }

  @Test
  void yamlListsMayBeSequencesOrStrings() throws IOException {
    Path file =
        yaml(
            dir,
            """
        bind: [127.0.0.1, "::1"]
        allowed-origins:
          - https://a.example
          - "*"
        """);

    HttpConfig http = ConfigLoader.load(Map.of("config", file.toString()), Map.of()).http();

    assertThat(http.bind()).containsExactly("127.0.0.1", "::1");
    assertThat(http.allowedOrigins()).containsExactly("https://a.example", "*");
  }

  @Test
  void yamlScalarsOfEveryKindAreRead() throws IOException {
    Path file = yaml(dir, "port: 9000\nlegacy: false\nmax-frame-bytes: 32KiB\nallowed-origins:\n");

    ParleyConfig config = ConfigLoader.load(Map.of("config", file.toString()), Map.of());

    assertThat(config.http().port()).isEqualTo(9000);
    assertThat(config.legacy().enabled()).isFalse();
    assertThat(config.http().maxFrameBytes()).isEqualTo(32 * 1024);
    assertThat(config.http().allowedOrigins()).isEmpty();
  }

  @Test
  void emptyFileMeansDefaults() throws IOException {
    Path file = yaml(dir, "# nothing yet\n");

    assertThat(ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .isEqualTo(ConfigLoader.load(Map.of(), Map.of()));
  }

  @ParameterizedTest
  @EnumSource(names = {"ENV", "FLAG"})
  void missingConfigFile(Source source) {
    String missing = dir.resolve("missing.yaml").toString();
    Map<String, String> flags = new HashMap<>();
    Map<String, String> env = new HashMap<>();
    (source == Source.ENV ? env : flags)
        .put(source == Source.ENV ? "PARLEY_CONFIG" : "config", missing);

    assertThatThrownBy(() -> ConfigLoader.load(flags, env))
        .hasMessage(
            "config file "
                + missing
                + " (from "
                + (source == Source.ENV ? "PARLEY_CONFIG" : "--config")
                + ") does not exist");
  }
}
