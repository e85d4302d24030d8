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

final class ConfigLoaderTest {
  @TempDir Path dir;

  private static final String SECRET_32 = "0123456789abcdef0123456789abcdef";

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
    Path file = yaml("port: 1000\nmax-rooms: 7\n");
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
    Path fromEnv = yaml("port: 1000\n");
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
                      yaml(c.setting().key() + ": '" + c.text() + "'\n").toString()));
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
    Path file = yaml("port: 9000\nlegacy: false\nmax-frame-bytes: 32KiB\nallowed-origins:\n");

    ParleyConfig config = ConfigLoader.load(Map.of("config", file.toString()), Map.of());

    assertThat(config.http().port()).isEqualTo(9000);
    assertThat(config.legacy().enabled()).isFalse();
    assertThat(config.http().maxFrameBytes()).isEqualTo(32 * 1024);
    assertThat(config.http().allowedOrigins()).isEmpty();
  }

  @Test
  void emptyFileMeansDefaults() throws IOException {
    Path file = yaml("# nothing yet\n");

    assertThat(ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .isEqualTo(ConfigLoader.load(Map.of(), Map.of()));
  }

  // Error messages, verbatim: they are the whole user interface of a mistake.

  @Test
  void notANumber() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of(), Map.of("PARLEY_MAX_PEERS_PER_ROOM", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value \"abc\" for max-peers-per-room (from PARLEY_MAX_PEERS_PER_ROOM): "
                + "expected a whole number");
  }

  @Test
  void numberBelowItsMinimum() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("max-peers-per-room", "1"), Map.of()))
        .hasMessage(
            "invalid value \"1\" for max-peers-per-room (from --max-peers-per-room): "
                + "expected a whole number of at least 2");
  }

  @Test
  void portOutOfRangeInTheFile() throws IOException {
    Path file = yaml("port: 70000\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "invalid value \"70000\" for port (from "
                + file
                + "): expected a whole number from 0 to 65535");
  }

  @Test
  void durationWithoutUnit() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("ping-interval", "20"), Map.of()))
        .hasMessage(
            "invalid value \"20\" for ping-interval (from --ping-interval): "
                + "expected a duration such as 500ms, 20s, 5m, 1h, 1d or PT20S");
  }

  @Test
  void sizeWithDecimalUnit() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_MAX_FRAME_BYTES", "64KB")))
        .hasMessage(
            "invalid value \"64KB\" for max-frame-bytes (from PARLEY_MAX_FRAME_BYTES): "
                + "expected a size such as 65536, 64KiB or 1MiB");
  }

  @Test
  void sizeOutOfRange() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("max-frame-bytes", "32MiB"), Map.of()))
        .hasMessage(
            "invalid value \"32MiB\" for max-frame-bytes (from --max-frame-bytes): "
                + "expected a size from 1KiB to 16MiB");
  }

  @Test
  void notABoolean() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("legacy", "maybe"), Map.of()))
        .hasMessage(
            "invalid value \"maybe\" for legacy (from --legacy): expected true or false (or yes/no, on/off)");
  }

  @Test
  void unknownLogFormat() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_LOG_FORMAT", "xml")))
        .hasMessage(
            "invalid value \"xml\" for log-format (from PARLEY_LOG_FORMAT): expected one of text, json");
  }

  @Test
  void shortSecretIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_SECRET", "hunter")))
        .hasMessage(
            "invalid value for secret (from PARLEY_SECRET): expected at least 32 characters, got 6");
  }

  @Test
  void shortAdminKeyIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("admin-key", "letmein"), Map.of()))
        .hasMessage(
            "invalid value for admin-key (from --admin-key): expected at least 32 characters, got 7");
  }

  @Test
  void tokenAuthNeedsASecret() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_AUTH", "token")))
        .hasMessage(
            "auth (token from PARLEY_AUTH) needs secret: access tokens are signed with it by your"
                + " application's backend, so it must be the same on both sides");
    assertThat(
            ConfigLoader.load(Map.of("auth", "token", "secret", SECRET_32), Map.of()).auth().mode())
        .isEqualTo(AuthConfig.Mode.TOKEN);
  }

  @Test
  void originWithPath() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("allowed-origins", "https://example.com/"), Map.of()))
        .hasMessage(
            "invalid value \"https://example.com/\" for allowed-origins (from --allowed-origins): "
                + "expected origins such as https://example.com (scheme, host and port only) or *");
  }

  @Test
  void bindWithPort() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("bind", "0.0.0.0:8080"), Map.of()))
        .hasMessage(
            "invalid value \"0.0.0.0:8080\" for bind (from --bind): "
                + "expected host names or IP addresses, comma separated, without a port");
  }

  @Test
  void emptyBind() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_BIND", "")))
        .hasMessage(
            "invalid value \"\" for bind (from PARLEY_BIND): expected at least one host name or IP address");
  }

  @Test
  void webRootThatDoesNotExist() {
    Path missing = dir.resolve("www");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("web-root", missing.toString()), Map.of()))
        .hasMessage(
            "invalid value \""
                + missing
                + "\" for web-root (from --web-root): expected a directory that exists");
  }

  @Test
  void sequenceWhereAScalarBelongs() throws IOException {
    Path file = yaml("port: [1, 2]\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "invalid value \"[1,2]\" for port (from " + file + "): expected a whole number");
  }

  @Test
  void badValueIsReportedEvenWhenOverridden() throws IOException {
    Path file = yaml("port: eighty\n");

    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("config", file.toString(), "port", "80"), Map.of()))
        .hasMessage(
            "invalid value \"eighty\" for port (from " + file + "): expected a whole number");
  }

  @Test
  void idleTimeoutNotLongerThanPingInterval() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("idle-timeout", "10s"), Map.of()))
        .hasMessage(
            "idle-timeout (10s from --idle-timeout) must be longer than ping-interval (10s by default), "
                + "or connections would be closed before a ping is answered");
  }

  @Test
  void buffersSmallerThanTheLargestFrame() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_MAX_FRAME_BYTES", "2MiB")))
        .hasMessage(
            "outbound-buffer-bytes (1MiB by default) must be at least max-frame-bytes "
                + "(2MiB from PARLEY_MAX_FRAME_BYTES), so that the largest message a client may send can be relayed");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("resume-buffer-bytes", "32KiB"), Map.of()))
        .hasMessage(
            "resume-buffer-bytes (32KiB from --resume-buffer-bytes) must be at least max-frame-bytes "
                + "(64KiB by default), so that the largest message a client may send can be kept for a dropped peer");
  }

  @Test
  void aClusterNeedsASharedSecret() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of(), Map.of("PARLEY_REDIS", "redis://:hunter2@localhost")))
        .hasMessage(
            "redis (from PARLEY_REDIS) needs a secret shared by every node: each node checks the resume"
                + " tokens and TURN credentials the others issue");
  }

  @Test
  void redisUrlsThatCannotBeUsedAreRefusedWithoutEchoingThem() {
    for (String bad :
        new String[] {
          "localhost:6379",
          "http://localhost",
          "redis://",
          "redis://:hunter2@host/db",
          "redis://host?x=1"
        }) {
      assertThatThrownBy(
              () -> ConfigLoader.load(Map.of("redis", bad, "secret", SECRET_32), Map.of()))
          .as(bad)
          .hasMessage(
              "invalid value for redis (from --redis): expected a redis:// URL such as redis://localhost:6379");
    }
  }

  @Test
  void webhooksNeedASecretToSignWith() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of("webhook-url", "https://backend.example/hook?key=hunter2"), Map.of()))
        .hasMessage(
            "webhook-url (from --webhook-url) needs webhook-secret: every webhook is signed with it, so that"
                + " the receiver can tell Parley's events from anyone else's");
    ParleyConfig config =
        ConfigLoader.load(
            Map.of(
                "webhook-url",
                "http://127.0.0.1:9000/events",
                "webhook-secret",
                SECRET_32,
                "webhook-retries",
                "0"),
            Map.of());
    assertThat(config.webhook().url()).hasToString("http://127.0.0.1:9000/events");
    assertThat(config.webhook().retries()).isZero();
    assertThat(config.webhook().toString()).doesNotContain("127.0.0.1", SECRET_32);
  }

  @Test
  void webhookUrlsThatCannotBeUsedAreRefusedWithoutEchoingThem() {
    for (String bad :
        new String[] {
          "backend.example/hook",
          "ftp://backend.example/",
          "https:///hook",
          "https://backend.example/hook#hunter2",
          "https://exa mple/"
        }) {
      assertThatThrownBy(
              () ->
                  ConfigLoader.load(
                      Map.of("webhook-url", bad, "webhook-secret", SECRET_32), Map.of()))
          .as(bad)
          .hasMessage(
              "invalid value for webhook-url (from --webhook-url): expected an http:// or https:// URL such as"
                  + " https://backend.example.com/parley-events");
    }
  }

  @Test
  void resumeTokenShorterThanTheWindow() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("resume-token-ttl", "10s"), Map.of()))
        .hasMessage(
            "resume-token-ttl (10s from --resume-token-ttl) must be at least resume-window "
                + "(20s by default), or tokens would expire while their peer may still resume");
  }

  @Test
  void certificateWithoutKey() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("tls-cert", "cert.pem"), Map.of()))
        .hasMessage(
            "tls-cert (from --tls-cert) needs tls-key too: a certificate is served with its private key");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_TLS_KEY", "key.pem")))
        .hasMessage(
            "tls-key (from PARLEY_TLS_KEY) needs tls-cert too: a certificate is served with its private key");
  }

  @Test
  void certificateAndSelfSigned() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of("tls-cert", "cert.pem", "tls-key", "key.pem", "tls-self-signed", "true"),
                    Map.of()))
        .hasMessage(
            "tls-self-signed (from --tls-self-signed) and tls-cert (from --tls-cert) cannot both be used:"
                + " choose one certificate");
  }

  @Test
  void redirectAndHstsNeedTls() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("http-redirect-port", "80"), Map.of()))
        .hasMessage(
            "http-redirect-port (from --http-redirect-port) needs TLS: set tls-cert and tls-key, or tls-self-signed");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_HSTS_MAX_AGE", "1d")))
        .hasMessage(
            "hsts-max-age (from PARLEY_HSTS_MAX_AGE) needs TLS: set tls-cert and tls-key, or tls-self-signed");
  }

  @Test
  void redirectOnTheHttpsPort() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of("tls-self-signed", "true", "port", "8443", "http-redirect-port", "8443"),
                    Map.of()))
        .hasMessage(
            "http-redirect-port (8443 from --http-redirect-port) must differ from port, which serves HTTPS");
  }

  @Test
  void theMediaPortMustNotBeTurnsUdpPort() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("turn", "true", "media-port", "3478"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "media-port (3478 from --media-port) must differ from turn-port (3478 by default), whose UDP"
                + " socket answers STUN and TURN on the same addresses");
    assertThat(
            ConfigLoader.load(Map.of("turn", "false", "media-port", "3478"), Map.of())
                .media()
                .port())
        .isEqualTo(3478);
    assertThat(ConfigLoader.load(Map.of(), Map.of()).media().port()).isEqualTo(7882);
  }

  @Test
  void sfuRoomsAreRefusedInACluster() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of(
                        "room-media",
                        "sfu",
                        "redis",
                        "redis://localhost:6379",
                        "secret",
                        SECRET_32),
                    Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "room-media sfu (from --room-media) is not yet supported with a cluster (redis from"
                + " --redis): a room's media would have to live on one node; use auto or mesh, whose"
                + " rooms stay mesh in a cluster");
    assertThat(
            ConfigLoader.load(
                    Map.of("redis", "redis://localhost:6379", "secret", SECRET_32), Map.of())
                .signal()
                .roomMedia())
        .isEqualTo(SignalConfig.RoomMedia.AUTO);
  }

  @Test
  void aTurnPortThatIsTheWebPortIsLeftToTheWebListener() {
    ParleyConfig plain = ConfigLoader.load(Map.of("port", "8443", "turn-port", "8443"), Map.of());
    assertThat(plain.turnPortIsWebPort()).isTrue();
    assertThat(plain.turnTlsPortIsWebPort()).isFalse();

    ParleyConfig https =
        ConfigLoader.load(
            Map.of("port", "8443", "tls-self-signed", "true", "turn-tls-port", "8443"), Map.of());
    assertThat(https.turnTlsPortIsWebPort()).isTrue();
    assertThat(https.turnPortIsWebPort()).isFalse();

    // Other hosts, port 0 (each picks its own) and TURN off share nothing.
    assertThat(
            ConfigLoader.load(
                    Map.of("port", "8443", "turn-port", "8443", "turn-bind", "192.0.2.1"), Map.of())
                .turnPortIsWebPort())
        .isFalse();
    assertThat(
            ConfigLoader.load(Map.of("port", "0", "turn-port", "0"), Map.of()).turnPortIsWebPort())
        .isFalse();
    assertThat(
            ConfigLoader.load(
                    Map.of("port", "8443", "turn-port", "8443", "turn", "false"), Map.of())
                .turnPortIsWebPort())
        .isFalse();
  }

  @Test
  void aTurnPortThatIsTheWebPortNeedsTurnOnTheWebPort() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of("port", "8443", "turn-port", "8443", "turn-on-web-port", "false"),
                    Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "turn-port (8443 from --turn-port) is port (from --port), but turn-on-web-port is false"
                + " (from --turn-on-web-port): set it to true to serve TURN on the web port, or choose another turn-port");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of(
                        "turn-tls-port",
                        "8080",
                        "tls-self-signed",
                        "true",
                        "turn-on-web-port",
                        "false"),
                    Map.of()))
        .hasMessage(
            "turn-tls-port (8080 from --turn-tls-port) is port (from the default), but turn-on-web-port is"
                + " false (from --turn-on-web-port): set it to true to serve TURN on the web port, or choose another"
                + " turn-tls-port");
    // On other hosts the same port number is another socket.
    assertThat(
            ConfigLoader.load(
                    Map.of(
                        "port",
                        "8443",
                        "turn-port",
                        "8443",
                        "turn-on-web-port",
                        "false",
                        "turn-bind",
                        "192.0.2.1"),
                    Map.of())
                .turn()
                .port())
        .isEqualTo(8443);
  }

  @Test
  void turnOverTlsOnThePlainTurnPort() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of("tls-self-signed", "on", "turn-tls-port", "3478"), Map.of()))
        .hasMessage(
            "turn-tls-port (3478 from --turn-tls-port) must differ from turn-port (the default),"
                + " whose TCP listener speaks plain TURN");
    // Without TLS the port is not used, so it is no conflict.
    assertThat(ConfigLoader.load(Map.of("turn-tls-port", "3478"), Map.of()).tls().turnPort())
        .isEqualTo(3478);
  }

  @Test
  void unknownYamlKeySuggestsTheClosest() throws IOException {
    Path file = yaml("max-peer-per-room: 4\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "unknown setting \"max-peer-per-room\" in "
                + file
                + " (did you mean max-peers-per-room?)");
  }

  @Test
  void unknownYamlKeyInAnotherCaseStyle() throws IOException {
    Path file = yaml("maxPeersPerRoom: 4\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "unknown setting \"maxPeersPerRoom\" in "
                + file
                + " (did you mean max-peers-per-room?)");
  }

  @Test
  void unknownYamlKeyWithNothingClose() throws IOException {
    Path file = yaml("colour: red\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage("unknown setting \"colour\" in " + file);
  }

  @Test
  void nestedSectionsAreNotSettings() throws IOException {
    Path file = yaml("http:\n  port: 8080\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage("unknown setting \"http\" in " + file);
  }

  @Test
  void configInsideTheConfigFile() throws IOException {
    Path file = yaml("config: other.yaml\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "config cannot be set inside a config file ("
                + file
                + "); give it as --config or PARLEY_CONFIG");
  }

  @Test
  void duplicateYamlKey() throws IOException {
    Path file = yaml("port: 1\nport: 2\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessageStartingWith("cannot parse config file " + file + ": Duplicate field 'port'");
  }

  @Test
  void fileThatIsNotAMapping() throws IOException {
    Path file = yaml("- port\n- 8080\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "config file " + file + " must be a mapping of settings to values, such as port: 8080");
  }

  @Test
  void unknownVariableSuggestsTheClosest() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_MAX_PEER_PER_ROOM", "4")))
        .hasMessage(
            "unknown environment variable PARLEY_MAX_PEER_PER_ROOM (did you mean PARLEY_MAX_PEERS_PER_ROOM?)");
  }

  @Test
  void unknownVariableWithNothingClose() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_HOME", "/opt/parley")))
        .hasMessage(
            "unknown environment variable PARLEY_HOME (every PARLEY_* variable must be a setting; "
                + "see parley --help)");
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

  @Test
  void closestIgnoresCaseStyleAndSmallTypos() {
    assertThat(Suggestions.closest("LOG_LEVEL")).contains(LOG_LEVEL);
    assertThat(Suggestions.closest("lgo-level")).contains(LOG_LEVEL);
    assertThat(Suggestions.closest("idleTimeout")).contains(IDLE_TIMEOUT);
    assertThat(Suggestions.closest("host")).isEmpty();
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("parley.yaml"), text);
  }
}
