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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The checks that relate settings to each other, which no one setting's parser can make; each
 * message names every setting involved and where its value came from.
 */
final class CrossChecks {
  private CrossChecks() {}

  static void check(Values values) {
    Function<Duration, String> duration = Parser::formatDuration;
    Function<Integer, String> size = Parser::formatSize;
    if (values.get(IDLE_TIMEOUT).compareTo(values.get(PING_INTERVAL)) <= 0) {
      throw conflict(
          values,
          IDLE_TIMEOUT,
          "must be longer than",
          PING_INTERVAL,
          duration,
          "or connections would be closed before a ping is answered");
    }
    if (values.get(OUTBOUND_BUFFER_BYTES) < values.get(MAX_FRAME_BYTES)) {
      throw conflict(
          values,
          OUTBOUND_BUFFER_BYTES,
          "must be at least",
          MAX_FRAME_BYTES,
          size,
          "so that the largest message a client may send can be relayed");
    }
    if (values.get(RESUME_BUFFER_BYTES) < values.get(MAX_FRAME_BYTES)) {
      throw conflict(
          values,
          RESUME_BUFFER_BYTES,
          "must be at least",
          MAX_FRAME_BYTES,
          size,
          "so that the largest message a client may send can be kept for a dropped peer");
    }
    if (values.get(AUTH) == AuthConfig.Mode.TOKEN && values.get(SECRET) == null) {
      throw new ConfigException(
          describe(values, AUTH, mode -> "token")
              + " needs "
              + SECRET.key()
              + ": access tokens are signed with it by your application's backend, so it must be the same on both sides");
    }
    if (values.get(REDIS) != null && values.get(SECRET) == null) {
      throw new ConfigException(
          "redis (from "
              + values.resolved(REDIS).source()
              + ") needs a secret shared by every"
              + " node: each node checks the resume tokens and TURN credentials the others issue");
    }
    if (values.get(RESUME_TOKEN_TTL).compareTo(values.get(RESUME_WINDOW)) < 0) {
      throw conflict(
          values,
          RESUME_TOKEN_TTL,
          "must be at least",
          RESUME_WINDOW,
          duration,
          "or tokens would expire while their peer may still resume");
    }
    if (values.get(WEBHOOK_URL) != null && values.get(WEBHOOK_SECRET) == null) {
      throw new ConfigException(
          "webhook-url (from "
              + values.resolved(WEBHOOK_URL).source()
              + ") needs "
              + WEBHOOK_SECRET.key()
              + ": every webhook is signed with it, so that the receiver can tell Parley's events"
              + " from anyone else's");
    }
    checkTls(values);
    checkMediaPort(values);
    if (values.get(REDIS) != null && values.get(ROOM_MEDIA) == SignalConfig.RoomMedia.SFU) {
      throw new ConfigException(
          "room-media sfu (from "
              + values.resolved(ROOM_MEDIA).source()
              + ") is not yet supported with a cluster (redis from "
              + values.resolved(REDIS).source()
              + "): a room's media would have to live on one node; use auto or mesh, whose rooms"
              + " stay mesh in a cluster");
    }
  }

  /** The media port and TURN's UDP port on the same hosts would be one socket bound twice. */
  private static void checkMediaPort(Values values) {
    int media = values.get(MEDIA_PORT);
    if (media != 0
        && values.get(TURN)
        && media == values.get(TURN_PORT)
        && TurnConfig.sameHosts(values.get(TURN_BIND), values.get(BIND))) {
      throw conflict(
          values,
          MEDIA_PORT,
          "must differ from",
          TURN_PORT,
          String::valueOf,
          "whose UDP socket answers STUN and TURN on the same addresses");
    }
  }

  private static void checkTls(Values values) {
    if ((values.get(TLS_CERT) == null) != (values.get(TLS_KEY) == null)) {
      Setting<Path> given = values.get(TLS_CERT) != null ? TLS_CERT : TLS_KEY;
      Setting<Path> missing = given == TLS_CERT ? TLS_KEY : TLS_CERT;
      throw new ConfigException(
          given.key()
              + " (from "
              + values.resolved(given).source()
              + ") needs "
              + missing.key()
              + " too: a certificate is served with its private key");
    }
    boolean certificate = values.get(TLS_CERT) != null;
    if (certificate && values.get(TLS_SELF_SIGNED)) {
      throw new ConfigException(
          "tls-self-signed (from "
              + values.resolved(TLS_SELF_SIGNED).source()
              + ") and tls-cert (from "
              + values.resolved(TLS_CERT).source()
              + ") cannot both be used: choose one certificate");
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
      throw new ConfigException(
          "http-redirect-port ("
              + redirect
              + " from "
              + values.resolved(HTTP_REDIRECT_PORT).source()
              + ") must differ from port, which serves HTTPS");
    }
  }

  private static void checkTurnTlsPort(Values values) {
    int tlsPort = values.get(TURN_TLS_PORT);
    if (values.get(TURN) && tlsPort != 0 && tlsPort == values.get(TURN_PORT)) {
      throw new ConfigException(
          "turn-tls-port ("
              + tlsPort
              + " from "
              + source(values, TURN_TLS_PORT)
              + ") must differ from turn-port ("
              + source(values, TURN_PORT)
              + "), whose TCP listener speaks plain TURN");
    }
  }

  /**
   * With turn-on-web-port off, a TURN port that is the web port (on the same hosts) would fail to
   * bind with a bare "address already in use": say which settings collide instead. With it on, the
   * web listener serves that port's TURN, and the TURN server leaves the TCP side to it.
   */
  private static void checkPortsBesideTheWebPort(Values values, boolean tls) {
    if (!values.get(TURN)
        || values.get(TURN_ON_WEB_PORT)
        || !TurnConfig.sameHosts(values.get(TURN_BIND), values.get(BIND))
        || values.get(PORT) == 0) {
      return;
    }
    for (Setting<Integer> turnPort : tls ? List.of(TURN_PORT, TURN_TLS_PORT) : List.of(TURN_PORT)) {
      if (values.get(turnPort).equals(values.get(PORT))) {
        throw new ConfigException(
            turnPort.key()
                + " ("
                + values.get(turnPort)
                + " from "
                + source(values, turnPort)
                + ") is port (from "
                + source(values, PORT)
                + "), but turn-on-web-port is false (from "
                + source(values, TURN_ON_WEB_PORT)
                + "): set it to true to serve TURN on the web port, or choose another "
                + turnPort.key());
      }
    }
  }

  private static String source(Values values, Setting<?> setting) {
    String source = values.resolved(setting).source();
    return source == null ? "the default" : source;
  }

  private static ConfigException needsTls(Values values, Setting<?> setting) {
    return new ConfigException(
        setting.key()
            + " (from "
            + values.resolved(setting).source()
            + ") needs TLS: set tls-cert and tls-key, or tls-self-signed");
  }

  private static <T> ConfigException conflict(
      Values values,
      Setting<T> setting,
      String relation,
      Setting<T> other,
      Function<T, String> format,
      String reason) {
    return new ConfigException(
        describe(values, setting, format)
            + " "
            + relation
            + " "
            + describe(values, other, format)
            + ", "
            + reason);
  }

  private static <T> String describe(
      Values values, Setting<T> setting, Function<T, String> format) {
    Values.Resolved<T> resolved = values.resolved(setting);
    String source = resolved.source() == null ? " by default" : " from " + resolved.source();
    return setting.key() + " (" + format.apply(resolved.value()) + source + ")";
  }
}
