package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * TLS for the HTTP listener and for TURN: where the certificate comes from, and what plain HTTP is
 * told. TLS is on with a certificate and key, or with {@code selfSigned}; never both.
 *
 * @param certFile PEM certificate chain, or {@code null}; given together with {@code keyFile}
 * @param keyFile PEM private key of {@code certFile}, or {@code null}
 * @param selfSigned make a certificate at start-up instead of reading one (LAN tests)
 * @param redirectPort a plain-HTTP port whose every request is redirected to HTTPS, or {@code null}
 *     for none; 0 picks a free one (tests)
 * @param hstsMaxAge the {@code Strict-Transport-Security} max-age; zero sends no header
 * @param turnPort TCP port of TURN over TLS, used when the TURN server is on; 0 picks a free one
 */
public record TlsConfig(
    Path certFile,
    Path keyFile,
    boolean selfSigned,
    Integer redirectPort,
    Duration hstsMaxAge,
    int turnPort) {

  public boolean enabled() {
    return selfSigned || certFile != null;
  }
}
