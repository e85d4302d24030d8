package dev.parley.signal;

import java.security.SecureRandom;
import java.util.Base64;

/** Server-assigned peer ids: 128 random bits, so that no one can guess another peer's id. */
final class PeerIds {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private final SecureRandom random = new SecureRandom();

  String next() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
