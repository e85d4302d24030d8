package dev.parley.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces (RFC 8489 §9.2, RFC 7635 style): the issue time and an HMAC of it, so the
 * server remembers nothing per client and still knows a nonce it made from one it did not, and
 * an old one from a fresh one. Thread-safe.
 */
final class Nonces {
  private static final String HMAC = "HmacSHA256";
  private static final int TAG_BYTES = 12;

  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration lifetime;

  Nonces(byte[] secret, Clock clock, Duration lifetime) {
    this.key = new SecretKeySpec(secret, HMAC);
    this.clock = clock;
    this.lifetime = lifetime;
  }

  String issue() {
    String time = Long.toHexString(clock.millis() / 1000);
    return time + "-" + tag(time);
  }

  /** False for a nonce this server did not make, or made longer ago than the lifetime: both get 438. */
  boolean isFresh(String nonce) {
    int dash = nonce.indexOf('-');
    if (dash <= 0 || dash > 16) {
      return false;
    }
    String time = nonce.substring(0, dash);
    if (!MessageDigest.isEqual(tag(time).getBytes(StandardCharsets.US_ASCII),
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
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      byte[] full = mac.doFinal(("turn-nonce:" + time).getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(full, 0, TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides " + HMAC, e);
    }
  }
}
