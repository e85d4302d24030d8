package dev.parley.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The HMAC keys of RFC 8489 §9. Inputs must already be processed with the OpaqueString profile (RFC
 * 8265); for ASCII credentials that changes nothing, so it is not done here.
 */
public final class IntegrityKeys {
  private IntegrityKeys() {}

  /** Short-term credentials (§9.1.1): the password itself. */
  public static byte[] shortTerm(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  /** Long-term credentials with the default MD5 password algorithm (§9.2.2, §18.5.1.1). */
  public static byte[] longTerm(String username, String realm, String password) {
    return digest("MD5", username, realm, password);
  }

  /** Long-term credentials with PASSWORD-ALGORITHM SHA-256 (§9.2.2, §18.5.1.2). */
  public static byte[] longTermSha256(String username, String realm, String password) {
    return digest("SHA-256", username, realm, password);
  }

  private static byte[] digest(String algorithm, String username, String realm, String password) {
    try {
      return MessageDigest.getInstance(algorithm)
          .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides " + algorithm, e);
    }
  }
}
