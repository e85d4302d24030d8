package dev.parley.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a DTLS certificate as SDP carries it (RFC 8122 §5): {@code sha-256
 * AB:CD:...}. Only SHA-256: every browser sends it, and it is what we offer.
 */
public final class CertificateFingerprint {
  private static final String ALGORITHM = "sha-256";
  private static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

  private final byte[] digest;

  private CertificateFingerprint(byte[] digest) {
    this.digest = digest;
  }

  /** The fingerprint of a DER-encoded certificate. */
  public static CertificateFingerprint of(byte[] derCertificate) {
    try {
      return new CertificateFingerprint(
          MessageDigest.getInstance("SHA-256").digest(derCertificate));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /**
   * Reads an a=fingerprint value: {@code sha-256} (any case) and 32 colon-separated hex bytes.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static CertificateFingerprint parse(String sdp) {
    String[] parts = sdp.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals(ALGORITHM)) {
      throw new IllegalArgumentException(
          "a fingerprint is \"sha-256 AB:CD:...\", not \"" + sdp + "\"");
    }
    byte[] digest;
    try {
      digest = HEX.parseHex(parts[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a sha-256 fingerprint is colon-separated hex bytes: " + parts[1], e);
    }
    if (digest.length != LENGTH) {
      throw new IllegalArgumentException(
          "a sha-256 fingerprint has 32 bytes, not " + digest.length);
    }
    return new CertificateFingerprint(digest);
  }

  /** Whether the certificate has this fingerprint; compared in constant time. */
  public boolean matches(byte[] derCertificate) {
    return MessageDigest.isEqual(digest, of(derCertificate).digest);
  }

  /** The a=fingerprint value: {@code sha-256 AB:CD:...}. */
  public String sdp() {
    return ALGORITHM + " " + HEX.formatHex(digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateFingerprint other && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return sdp();
  }
}
