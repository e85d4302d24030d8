package dev.parley.srtp;

/**
 * The two protection profiles Parley speaks (RFC 5764 section 4.1.2, RFC 7714 section 14.2), with
 * the master key and salt lengths their DTLS-SRTP keying material splits into.
 */
public enum Profile {
  /** AES-128 counter mode, HMAC-SHA1 tag truncated to 80 bits (RFC 3711). */
  AES_CM_128_HMAC_SHA1_80(16, 14),
  /** AES-128 GCM with a 16-byte tag (RFC 7714). */
  AEAD_AES_128_GCM(16, 12);

  public final int keyLength;
  public final int saltLength;

  Profile(int keyLength, int saltLength) {
    this.keyLength = keyLength;
    this.saltLength = saltLength;
  }
}
