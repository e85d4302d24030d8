package dev.parley.srtp;

import java.util.Arrays;

/**
 * The DTLS-SRTP exporter output of RFC 5764 section 4.2, split into the two directions: the
 * material is client key, server key, client salt, server salt, back to back.
 */
public record KeyingMaterial(
    byte[] clientKey, byte[] clientSalt, byte[] serverKey, byte[] serverSalt) {
  /**
   * Splits {@code material} for a profile with {@code keyLength}-byte keys and {@code
   * saltLength}-byte salts.
   */
  public static KeyingMaterial split(byte[] material, int keyLength, int saltLength) {
    if (material.length != 2 * (keyLength + saltLength)) {
      throw new IllegalArgumentException(
          "keying material is "
              + material.length
              + " bytes, the profile needs "
              + 2 * (keyLength + saltLength));
    }
    int at = 0;
    byte[] clientKey = Arrays.copyOfRange(material, at, at += keyLength);
    byte[] serverKey = Arrays.copyOfRange(material, at, at += keyLength);
    byte[] clientSalt = Arrays.copyOfRange(material, at, at += saltLength);
    byte[] serverSalt = Arrays.copyOfRange(material, at, at + saltLength);
    return new KeyingMaterial(clientKey, clientSalt, serverKey, serverSalt);
  }
}
