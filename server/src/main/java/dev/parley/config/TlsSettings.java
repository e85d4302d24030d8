package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of HTTPS and its certificates (TlsConfig); {@link Setting#all()} lists every area's.
 */
public final class TlsSettings {
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

  private TlsSettings() {}
}
