package dev.parley.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The RFC 3711 section 4.3 key derivation with the AES-CM PRF and a key derivation rate of 0, so
 * every session key is derived once, from index 0, when a session is created.
 */
public final class KeyDerivation {
  /** The labels of RFC 3711 section 4.3.2 (SRTP) and 4.3.2's SRTCP counterparts. */
  public enum Label {
    RTP_ENCRYPTION(0x00),
    RTP_AUTHENTICATION(0x01),
    RTP_SALT(0x02),
    RTCP_ENCRYPTION(0x03),
    RTCP_AUTHENTICATION(0x04),
    RTCP_SALT(0x05);

    final int value;

    Label(int value) {
      this.value = value;
    }
  }

  private KeyDerivation() {}

  /** The {@code length}-byte session key for {@code label}; the salt is at most 14 bytes. */
  public static byte[] derive(byte[] masterKey, byte[] masterSalt, Label label, int length) {
    if (masterSalt.length > 14) {
      throw new IllegalArgumentException("master salt longer than 14 bytes");
    }
    // x = (label || index DIV kdr) XOR salt, with kdr 0 the index term is 0: only the label byte
    // lands, at byte 7 of the 14-byte salt; the 16-byte IV is x shifted left by 16 bits.
    byte[] iv = new byte[16];
    System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
    iv[7] ^= (byte) label.value;
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
      return aes.doFinal(new byte[length]);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES/CTR", e);
    }
  }
}
