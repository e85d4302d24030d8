package dev.parley.config;

import static dev.parley.config.Setting.MAX;

import java.time.Duration;
import java.util.List;

/**
 * The settings of the embedded STUN/TURN server (TurnConfig); {@link Setting#all()} lists every
 * area's.
 */
public final class TurnSettings {
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
  public static final Setting<Integer> TURN_TLS_PORT =
      new Setting<>(
          "turn-tls-port",
          "5349",
          "TCP port of TURN over TLS (turns: URLs), served when both TLS and turn are on; 0 picks a free one",
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

  private TurnSettings() {}
}
