package dev.parley.auth;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed HMAC, the one way Parley signs what it hands out (TURN passwords, nonces, resume tokens).
 * A {@link Mac} is not thread-safe, so each call takes a fresh one; the key is shared. Thread-safe.
 */
public final class Hmac {
  private final SecretKeySpec key;

  private Hmac(String algorithm, byte[] secret) {
    this.key = new SecretKeySpec(secret, algorithm);
  }

  /** HMAC-SHA1: what the TURN REST credential scheme prescribes. */
  public static Hmac sha1(byte[] secret) {
    return new Hmac("HmacSHA1", secret);
  }

  public static Hmac sha256(byte[] secret) {
    return new Hmac("HmacSHA256", secret);
  }

  public byte[] sign(byte[] data) {
    try {
      Mac mac = Mac.getInstance(key.getAlgorithm());
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides " + key.getAlgorithm(), e);
    }
  }
}
