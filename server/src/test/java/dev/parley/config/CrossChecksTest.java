package dev.parley.config;

import static dev.parley.config.AuthSettings.*;
import static dev.parley.config.ClusterSettings.*;
import static dev.parley.config.ConfigFixtures.SECRET_32;
import static dev.parley.config.LogSettings.*;
import static dev.parley.config.MediaSettings.*;
import static dev.parley.config.ServerSettings.*;
import static dev.parley.config.SignalSettings.*;
import static dev.parley.config.TlsSettings.*;
import static dev.parley.config.TurnSettings.*;
import static dev.parley.config.WebhookSettings.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings each fine alone but not together: refused before anything starts, saying why. */
final class CrossChecksTest {
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
}
