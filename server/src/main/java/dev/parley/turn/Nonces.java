package dev.parley.turn;

import dev.parley.auth.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Stateless nonces (RFC 8489 §9.2, RFC 7635 style): the issue time and an HMAC of it, so the server
 * remembers nothing per client and still knows a nonce it made from one it did not, and an old one
 * from a fresh one. Thread-safe.
 */
final class Nonces {
  private static final int TAG_BYTES = 12;

  private final Hmac hmac;
  private final Clock clock;
  private final Duration lifetime;

  Nonces(byte[] secret, Clock clock, Duration lifetime) {
    this.hmac = Hmac.sha256(secret);
    this.clock = clock;
    this.lifetime = lifetime;
  }

  String issue() {
    String time = Long.toHexString(clock.millis() / 1000);
    return time + "-" + tag(time);
  }

  /**
   * False for a nonce this server did not make, or made longer ago than the lifetime: both get 438.
   */
  boolean isFresh(String nonce) {
    int dash = nonce.indexOf('-');
    if (dash <= 0 || dash > 16) {
      return false;
    }
    String time = nonce.substring(0, dash);
    if (!MessageDigest.isEqual(
        tag(time).getBytes(StandardCharsets.US_ASCII),
        nonce.substring(dash + 1).getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    long issued;
    try {
      issued = Long.parseLong(time, 16);
    } catch (NumberFormatException e) {
      return false;
    }
    long now = clock.millis() / 1000;
    return issued <= now && now - issued < lifetime.toSeconds();
  }

  private String tag(String time) {
    byte[] full = hmac.sign(("turn-nonce:" + time).getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(full, 0, TAG_BYTES);
  }
}
