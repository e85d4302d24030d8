package dev.parley.config;

import static dev.parley.config.Parser.KIB;
import static dev.parley.config.Parser.MIB;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One setting Parley reads at start-up. {@link #ALL} is the catalog the loader, the command line,
 * the tests and {@code docs/configuration.md} all follow: a setting added here is at once a YAML
 * key, a {@code PARLEY_*} variable and a flag.
 */
public final class Setting<T> {
  private static final int MAX = Integer.MAX_VALUE;
  private static final int MIN_SECRET_LENGTH = 32;

  public static final Setting<Path> CONFIG =
      new Setting<>(
          "config",
          null,
          "YAML file to read settings from; a named file that does not exist is an error",
          Parser.file());
  public static final Setting<List<String>> BIND =
      new Setting<>(
          "bind",
          "localhost",
          "host names or IP addresses to listen on; localhost means 127.0.0.1 and ::1, 0.0.0.0 and :: mean every interface",
          AddressParsers.hosts());
  public static final Setting<Integer> PORT =
      new Setting<>(
          "port",
          "8080",
          "TCP port for HTTP and WebSocket; 0 picks a free one",
          Parser.wholeNumber(0, 65535));
  public static final Setting<List<String>> ALLOWED_ORIGINS =
      new Setting<>(
          "allowed-origins",
          "",
          "origins besides the server's own that may open /ws; * allows any",
          AddressParsers.origins());
  public static final Setting<Integer> MAX_CONNECTIONS_PER_IP =
      new Setting<>(
          "max-connections-per-ip",
          "64",
          "connections one IP address may hold open at once",
          Parser.wholeNumber(1, MAX));
  // A frame carries one SDP, a few KiB; the floor leaves room for a join, the cap bounds what one
  // client can make the server buffer.
  public static final Setting<Integer> MAX_FRAME_BYTES =
      new Setting<>(
          "max-frame-bytes",
          "64KiB",
          "largest WebSocket message a client may send; a larger one closes the connection (1009)",
          Parser.size(KIB, 16 * MIB));
  // Long enough for a slow mobile link to send a few hundred bytes of headers; short enough that a
  // client dribbling a request byte by byte (slowloris) cannot hold sockets for long.
  public static final Setting<Duration> HANDSHAKE_TIMEOUT =
      new Setting<>(
          "handshake-timeout",
          "10s",
          "time a connection gets to send a complete HTTP request (such as the WebSocket upgrade) before it is closed",
          Parser.duration(Duration.ofMillis(1)));
  public static final Setting<Duration> PING_INTERVAL =
      new Setting<>(
          "ping-interval",
          "10s",
          "how often the server pings each WebSocket to keep it alive and detect dead ones",
          Parser.duration(Duration.ofMillis(1)));
  public static final Setting<Duration> IDLE_TIMEOUT =
      new Setting<>(
          "idle-timeout",
          "30s",
          "how long a WebSocket may stay silent, pongs included, before it is closed; longer than ping-interval",
          Parser.duration(Duration.ofMillis(1)));
  public static final Setting<Integer> OUTBOUND_BUFFER_BYTES =
      new Setting<>(
          "outbound-buffer-bytes",
          "1MiB",
          "bytes waiting to be sent to one client; a client that falls further behind is disconnected",
          Parser.size(KIB, 1024 * MIB));
  public static final Setting<Duration> DRAIN_TIMEOUT =
      new Setting<>(
          "drain-timeout",
          "10s",
          "on shutdown, how long clients get to move elsewhere after goaway before the rest are closed",
          Parser.duration(Duration.ZERO));
  public static final Setting<Path> WEB_ROOT =
      new Setting<>(
          "web-root",
          null,
          "directory to serve instead of the web app built into the jar",
          Parser.directory());
  public static final Setting<Integer> MAX_ROOMS =
      new Setting<>(
          "max-rooms", "10000", "rooms that may exist at once", Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> MAX_PEERS_PER_ROOM =
      new Setting<>(
          "max-peers-per-room",
          "16",
          "peers in one room; the next to join is refused with room-full",
          Parser.wholeNumber(2, MAX));
  public static final Setting<SignalConfig.RoomMedia> ROOM_MEDIA =
      new Setting<>(
          "room-media",
          "auto",
          "how rooms carry media: mesh (peer to peer), sfu (through the server), or auto (mesh until a join would"
              + " make a room hold more than room-media-threshold peers, then sfu until it empties)",
          Parser.oneOf(
              List.of("mesh", "sfu", "auto"),
              word -> SignalConfig.RoomMedia.valueOf(word.toUpperCase(Locale.ROOT))));
  // Past four, each browser of a mesh uploads and encodes four copies of its camera: about where
  // laptops and uplinks give out.
  public static final Setting<Integer> ROOM_MEDIA_THRESHOLD =
      new Setting<>(
          "room-media-threshold",
          "4",
          "with room-media auto, the most peers a room holds before it turns sfu",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> MESSAGES_PER_SECOND =
      new Setting<>(
          "messages-per-second",
          "100",
          "messages per second one connection may send in the long run; more are refused with rate-limited",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> MESSAGE_BURST =
      new Setting<>(
          "message-burst",
          "200",
          "messages one connection may send at once before the per-second rate applies",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Duration> RESUME_WINDOW =
      new Setting<>(
          "resume-window",
          "20s",
          "how long a peer whose connection dropped keeps its place, unseen, waiting to resume; 0 means it leaves at once",
          Parser.duration(Duration.ZERO));
  public static final Setting<Integer> RESUME_BUFFER_MESSAGES =
      new Setting<>(
          "resume-buffer-messages",
          "256",
          "signals kept for a dropped peer until it resumes; one more ends its session",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> RESUME_BUFFER_BYTES =
      new Setting<>(
          "resume-buffer-bytes",
          "1MiB",
          "bytes of signals kept for a dropped peer until it resumes; more ends its session",
          Parser.size(KIB, 1024 * MIB));
  public static final Setting<Duration> RESUME_TOKEN_TTL =
      new Setting<>(
          "resume-token-ttl",
          "24h",
          "how long a resume token stays valid after the server issued it",
          Parser.duration(Duration.ofSeconds(1)));
  public static final Setting<Boolean> LEGACY =
      new Setting<>(
          "legacy",
          "true",
          "accept the seed tutorial's protocol (offer, answer, ice-candidate broadcast without rooms)",
          Parser.bool());
  public static final Setting<Duration> LEGACY_CANDIDATE_DELAY =
      new Setting<>(
          "legacy-candidate-delay",
          "300ms",
          "how long ICE candidates for a legacy client wait after it was sent a session description",
          Parser.duration(Duration.ZERO));
  public static final Setting<LogConfig.Format> LOG_FORMAT =
      new Setting<>(
          "log-format",
          "text",
          "text for people, json for log collectors (one object per line)",
          Parser.oneOf(
              List.of("text", "json"),
              word -> LogConfig.Format.valueOf(word.toUpperCase(Locale.ROOT))));
  public static final Setting<String> LOG_LEVEL =
      new Setting<>(
          "log-level",
          "info",
          "how much Parley logs: trace, debug, info, warn or error",
          Parser.oneOf(List.of("trace", "debug", "info", "warn", "error"), word -> word));
  public static final Setting<String> SECRET =
      new Setting<>(
          "secret",
          null,
          "signs resume tokens and TURN credentials, at least "
              + MIN_SECRET_LENGTH
              + " characters; unset, a random one is made"
              + " at each start, so resume tokens do not survive a restart",
          Parser.secret(MIN_SECRET_LENGTH));
  public static final Setting<java.net.URI> REDIS =
      new Setting<>(
          "redis",
          null,
          "redis:// URL of the Redis that nodes of a cluster share rooms through; unset, one node keeps everything in memory",
          AddressParsers.redisUrl());

  public static final Setting<Path> TLS_CERT =
      new Setting<>(
          "tls-cert",
          null,
          "PEM file with the certificate chain for HTTPS, WSS and TURN over TLS (Let's Encrypt's fullchain.pem);"
              + " read again when it changes or on SIGHUP",
          Parser.file());
  public static final Setting<Path> TLS_KEY =
      new Setting<>(
          "tls-key",
          null,
          "PEM file with the unencrypted private key of tls-cert (PKCS#8, or PKCS#1 RSA, or SEC1 EC)",
          Parser.file());
  public static final Setting<Boolean> TLS_SELF_SIGNED =
      new Setting<>(
          "tls-self-signed",
          "false",
          "serve HTTPS with a certificate made at start-up, for tests on a LAN: browsers warn before trusting it",
          Parser.bool());
  public static final Setting<Integer> HTTP_REDIRECT_PORT =
      new Setting<>(
          "http-redirect-port",
          null,
          "with TLS on, also serve plain HTTP on this port, answering every request with a redirect to HTTPS",
          Parser.wholeNumber(0, 65535));
  public static final Setting<Duration> HSTS_MAX_AGE =
      new Setting<>(
          "hsts-max-age",
          "0s",
          "with TLS on, how long browsers should use only HTTPS for this host (Strict-Transport-Security); 0 sends no header",
          Parser.duration(Duration.ZERO));
  public static final Setting<Integer> TURN_TLS_PORT =
      new Setting<>(
          "turn-tls-port",
          "5349",
          "TCP port of TURN over TLS (turns: URLs), served when both TLS and turn are on; 0 picks a free one",
          Parser.wholeNumber(0, 65535));
  public static final Setting<AuthConfig.Mode> AUTH =
      new Setting<>(
          "auth",
          "open",
          "who may join a room: open lets anyone join any room; token requires an access token signed with secret",
          Parser.oneOf(
              List.of("open", "token"),
              word -> AuthConfig.Mode.valueOf(word.toUpperCase(Locale.ROOT))));
  public static final Setting<String> ADMIN_KEY =
      new Setting<>(
          "admin-key",
          null,
          "bearer key for the admin API (/api/admin), at least "
              + MIN_SECRET_LENGTH
              + " characters; unset, the admin API"
              + " refuses every request",
          Parser.secret(MIN_SECRET_LENGTH));
  // A browser joins once per call and again on each reconnection; a whole office behind one NAT
  // address still stays well under this.
  public static final Setting<Integer> JOINS_PER_MINUTE_PER_IP =
      new Setting<>(
          "joins-per-minute-per-ip",
          "60",
          "joins one IP address may send per minute, over all its connections; more are refused with rate-limited",
          Parser.wholeNumber(1, MAX));

  public static final Setting<Boolean> TURN =
      new Setting<>("turn", "true", "run the embedded STUN/TURN server", Parser.bool());
  public static final Setting<List<String>> TURN_BIND =
      new Setting<>(
          "turn-bind",
          null,
          "addresses the STUN/TURN server listens on; unset, those of bind",
          AddressParsers.hosts());
  public static final Setting<Integer> TURN_PORT =
      new Setting<>(
          "turn-port",
          "3478",
          "UDP and TCP port of the STUN/TURN server; 0 picks a free one",
          Parser.wholeNumber(0, 65535));
  public static final Setting<Boolean> TURN_ON_WEB_PORT =
      new Setting<>(
          "turn-on-web-port",
          "true",
          "also serve TURN on port, told apart from HTTP by its first bytes: over TCP on plain HTTP, over TLS on HTTPS;"
              + " listed to clients last, so that one open TCP port is enough for a call",
          Parser.bool());
  public static final Setting<String> TURN_EXTERNAL_IP =
      new Setting<>(
          "turn-external-ip",
          null,
          "public IP address of this node, advertised to clients when it sits behind NAT",
          AddressParsers.ipLiteral());
  public static final Setting<String> TURN_REALM =
      new Setting<>(
          "turn-realm",
          "parley",
          "realm of TURN long-term credentials (RFC 8489 section 9.2)",
          Parser.word());
  public static final Setting<PortRange> TURN_RELAY_PORTS =
      new Setting<>(
          "turn-relay-ports",
          "49152-65535",
          "UDP ports relayed addresses are taken from",
          AddressParsers.portRange());
  // RFC 8656 section 7.2 recommends at most an hour: a client refreshes long before that anyway.
  public static final Setting<Duration> TURN_MAX_LIFETIME =
      new Setting<>(
          "turn-max-lifetime",
          "1h",
          "longest lifetime a TURN allocation is granted per request",
          Parser.duration(Duration.ofMinutes(10)));
  public static final Setting<Boolean> TURN_ALLOW_PRIVATE_PEERS =
      new Setting<>(
          "turn-allow-private-peers",
          "false",
          "relay to loopback, private, link-local and other non-public peers; for local testing only",
          Parser.bool());
  public static final Setting<Integer> TURN_MAX_ALLOCATIONS_PER_USER =
      new Setting<>(
          "turn-max-allocations-per-user",
          "10",
          "TURN allocations one username may hold at once",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> TURN_MAX_ALLOCATIONS =
      new Setting<>(
          "turn-max-allocations",
          "1000",
          "TURN allocations this node holds at once",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> TURN_MAX_BITRATE =
      new Setting<>(
          "turn-max-bitrate",
          "0",
          "bits per second one TURN allocation may relay in each direction, beyond which packets are dropped; 0 for no cap",
          Parser.wholeNumber(0, MAX));
  // Long enough for a client on a slow link to authenticate; short enough that idle
  // connections cannot pile up (slowloris).
  public static final Setting<Duration> TURN_TCP_ALLOCATE_TIMEOUT =
      new Setting<>(
          "turn-tcp-allocate-timeout",
          "30s",
          "how long a TURN TCP connection may stay open before it holds an allocation",
          Parser.duration(Duration.ofSeconds(1)));
  public static final Setting<Duration> TURN_CREDENTIAL_TTL =
      new Setting<>(
          "turn-credential-ttl",
          "12h",
          "how long the TURN credentials in a welcome stay valid",
          Parser.duration(Duration.ofMinutes(1)));
  // Each failure is a guess at a password; a client with a stale credential fails a few times.
  public static final Setting<Integer> TURN_AUTH_FAILURES_PER_MINUTE =
      new Setting<>(
          "turn-auth-failures-per-minute",
          "60",
          "failed TURN authentications one source address may make per minute; past that its requests go unanswered",
          Parser.wholeNumber(1, MAX));
  public static final Setting<List<String>> TURN_SERVERS =
      new Setting<>(
          "turn-servers",
          "",
          "external STUN/TURN URLs sharing the secret (coturn with use-auth-secret), listed to clients beside the embedded server",
          AddressParsers.iceUrls());

  // A fixed port by default, so that one firewall rule serves all media and ./parley serves SFU
  // rooms out of the box; 0 is for tests, which run many servers at once.
  public static final Setting<Integer> MEDIA_PORT =
      new Setting<>(
          "media-port",
          "7882",
          "UDP port of the media plane (ICE-lite and DTLS-SRTP for all server-forwarded media in SFU rooms); 0 picks"
              + " a free one",
          Parser.wholeNumber(0, 65535));
  public static final Setting<Integer> MEDIA_MAX_TRANSPORTS =
      new Setting<>(
          "media-max-transports",
          "1000",
          "media transports (one per peer connection to this node) held at once; the next is refused",
          Parser.wholeNumber(1, MAX));
  // RFC 7675 section 5.1: consent expires 30 seconds after the last check that succeeded.
  public static final Setting<Duration> MEDIA_CONSENT_TIMEOUT =
      new Setting<>(
          "media-consent-timeout",
          "30s",
          "how long a media transport lives without a valid ICE connectivity check before it is closed",
          Parser.duration(Duration.ofMillis(100)));
  // A camera, a microphone, a shared screen and its sound.
  public static final Setting<Integer> MEDIA_MAX_TRACKS_PER_PARTICIPANT =
      new Setting<>(
          "media-max-tracks-per-participant",
          "4",
          "tracks one participant may publish at once in an SFU room; the next is refused",
          Parser.wholeNumber(1, 64));
  // Three simulcast layers of 720p (about 2.5 Mbit/s in all) with audio and a screen, and room.
  public static final Setting<Integer> MEDIA_MAX_PUBLISHER_BITRATE =
      new Setting<>(
          "media-max-publisher-bitrate",
          "6000000",
          "bits per second one participant may send to an SFU room, told to it by REMB; beyond twice that within a"
              + " second, packets are dropped",
          Parser.wholeNumber(64_000, MAX));

  public static final Setting<java.net.URI> WEBHOOK_URL =
      new Setting<>(
          "webhook-url",
          null,
          "http:// or https:// URL that Parley POSTs room and peer events to, one JSON event per request"
              + " (docs/webhooks.md); unset, none are sent",
          AddressParsers.httpUrl());
  public static final Setting<String> WEBHOOK_SECRET =
      new Setting<>(
          "webhook-secret",
          null,
          "signs each webhook body (X-Parley-Signature: sha256=<HMAC-SHA256>), at least "
              + MIN_SECRET_LENGTH
              + " characters; required with webhook-url",
          Parser.secret(MIN_SECRET_LENGTH));
  public static final Setting<Duration> WEBHOOK_TIMEOUT =
      new Setting<>(
          "webhook-timeout",
          "5s",
          "how long the webhook receiver gets to connect and answer one request before the attempt counts as failed",
          Parser.duration(Duration.ofMillis(1)));
  public static final Setting<Integer> WEBHOOK_RETRIES =
      new Setting<>(
          "webhook-retries",
          "5",
          "how many more times a webhook event is sent after a failed attempt (no answer, 408, 429 or 5xx) before it is"
              + " dropped",
          Parser.wholeNumber(0, 100));
  public static final Setting<Duration> WEBHOOK_RETRY_DELAY =
      new Setting<>(
          "webhook-retry-delay",
          "1s",
          "wait before the first retry of a webhook event; each further retry waits twice as long as the one before",
          Parser.duration(Duration.ofMillis(1)));
  // Events come at joins and leaves only; this many covers minutes of a busy node's churn while a
  // receiver restarts, at a few hundred bytes each.
  public static final Setting<Integer> WEBHOOK_QUEUE =
      new Setting<>(
          "webhook-queue",
          "10000",
          "webhook events waiting for delivery at most; while that many wait, further ones are dropped and counted",
          Parser.wholeNumber(1, 1_000_000));

  /** Every setting, in the order help and docs list them. */
  public static final List<Setting<?>> ALL =
      List.of(
          CONFIG,
          BIND,
          PORT,
          ALLOWED_ORIGINS,
          MAX_CONNECTIONS_PER_IP,
          MAX_FRAME_BYTES,
          HANDSHAKE_TIMEOUT,
          PING_INTERVAL,
          IDLE_TIMEOUT,
          OUTBOUND_BUFFER_BYTES,
          DRAIN_TIMEOUT,
          WEB_ROOT,
          MAX_ROOMS,
          MAX_PEERS_PER_ROOM,
          ROOM_MEDIA,
          ROOM_MEDIA_THRESHOLD,
          MESSAGES_PER_SECOND,
          MESSAGE_BURST,
          RESUME_WINDOW,
          RESUME_BUFFER_MESSAGES,
          RESUME_BUFFER_BYTES,
          RESUME_TOKEN_TTL,
          LEGACY,
          LEGACY_CANDIDATE_DELAY,
          TLS_CERT,
          TLS_KEY,
          TLS_SELF_SIGNED,
          HTTP_REDIRECT_PORT,
          HSTS_MAX_AGE,
          TURN,
          TURN_BIND,
          TURN_PORT,
          TURN_TLS_PORT,
          TURN_ON_WEB_PORT,
          TURN_EXTERNAL_IP,
          TURN_REALM,
          TURN_RELAY_PORTS,
          TURN_MAX_LIFETIME,
          TURN_ALLOW_PRIVATE_PEERS,
          TURN_MAX_ALLOCATIONS_PER_USER,
          TURN_MAX_ALLOCATIONS,
          TURN_MAX_BITRATE,
          TURN_TCP_ALLOCATE_TIMEOUT,
          TURN_CREDENTIAL_TTL,
          TURN_AUTH_FAILURES_PER_MINUTE,
          TURN_SERVERS,
          MEDIA_PORT,
          MEDIA_MAX_TRANSPORTS,
          MEDIA_CONSENT_TIMEOUT,
          MEDIA_MAX_TRACKS_PER_PARTICIPANT,
          MEDIA_MAX_PUBLISHER_BITRATE,
          REDIS,
          LOG_FORMAT,
          LOG_LEVEL,
          SECRET,
          AUTH,
          ADMIN_KEY,
          JOINS_PER_MINUTE_PER_IP,
          WEBHOOK_URL,
          WEBHOOK_SECRET,
          WEBHOOK_TIMEOUT,
          WEBHOOK_RETRIES,
          WEBHOOK_RETRY_DELAY,
          WEBHOOK_QUEUE);

  private final String key;
  private final String defaultValue;
  private final String description;
  private final Parser<T> parser;

  /**
   * @param defaultValue the text parsed when no source sets the key, or {@code null} for none
   */
  private Setting(String key, String defaultValue, String description, Parser<T> parser) {
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
    return this == SECRET
        || this == ADMIN_KEY
        || this == REDIS
        || this == WEBHOOK_URL
        || this == WEBHOOK_SECRET;
  }

  String defaultValue() {
    return defaultValue;
  }

  Parser<T> parser() {
    return parser;
  }

  static Optional<Setting<?>> byKey(String key) {
    return ALL.stream().filter(s -> s.key.equals(key)).findFirst();
  }

  static Optional<Setting<?>> byEnvName(String name) {
    return ALL.stream().filter(s -> s.envName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return key;
  }
}
