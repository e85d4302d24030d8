package dev.parley.ice;

import java.security.SecureRandom;

/**
 * A transport's local ICE username fragment and password (RFC 8445 §5.3, RFC 8839 §5.4): the
 * password keys MESSAGE-INTEGRITY, so it is random and at least 128 bits; the fragment tells
 * transports apart and need only be unique on this node.
 */
public record IceCredentials(String ufrag, String pwd) {
  /** The ice-char alphabet of RFC 8839 §5.4 (ALPHA / DIGIT / "+" / "/"). */
  private static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int UFRAG_CHARS = 8;

  /** 24 characters of 6 bits: 144 bits, above the RFC's 128. */
  private static final int PWD_CHARS = 24;

  public IceCredentials {
    if (ufrag.length() < 4 || ufrag.length() > 256 || !iceChars(ufrag)) {
      throw new IllegalArgumentException("an ICE ufrag is 4 to 256 ice-chars: " + ufrag);
    }
    if (pwd.length() < 22 || pwd.length() > 256 || !iceChars(pwd)) {
      throw new IllegalArgumentException("an ICE password is 22 to 256 ice-chars");
    }
  }

  public static IceCredentials random() {
    return new IceCredentials(randomChars(UFRAG_CHARS), randomChars(PWD_CHARS));
  }

  /** Whether the text is a valid remote ufrag: the part of USERNAME after the colon must be one. */
  public static boolean isUfrag(String text) {
    return text.length() >= 4 && text.length() <= 256 && iceChars(text);
  }

  private static boolean iceChars(String text) {
    return text.chars().allMatch(c -> ICE_CHARS.indexOf(c) >= 0);
  }

  private static String randomChars(int count) {
    StringBuilder chars = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      chars.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
    }
    return chars.toString();
  }

  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + ufrag + "]"; // never the password
  }
}
