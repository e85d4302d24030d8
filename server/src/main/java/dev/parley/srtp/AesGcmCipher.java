package dev.parley.srtp;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM (RFC 7714): the 12-byte IVs of sections 8.1 (SRTP) and 9.1 (SRTCP), the RTP
 * header (or the first 8 bytes of RTCP and the E-flag and index word) as associated data, a 16-byte
 * tag. The JDK forces one allocation per packet here: GCM takes its IV only through Cipher.init
 * with a new GCMParameterSpec, and copies in-place input before decrypting.
 */
final class AesGcmCipher implements PacketCipher {
  private static final int TAG = 16;

  private final SecretKeySpec rtpKey;
  private final byte[] rtpSalt;
  private final SecretKeySpec rtcpKey;
  private final byte[] rtcpSalt;
  private final Cipher gcm;
  private final byte[] iv = new byte[12];

  /**
   * Where a packet is decrypted before its tag is known to check: the JDK writes plaintext out even
   * when the tag then fails, and a forged packet's must not reach the caller's buffer. Grows to the
   * largest packet seen.
   */
  private byte[] opened = new byte[0];

  static AesGcmCipher fromMaster(byte[] masterKey, byte[] masterSalt) {
    return new AesGcmCipher(
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTP_ENCRYPTION, 16),
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTP_SALT, 12),
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTCP_ENCRYPTION, 16),
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTCP_SALT, 12));
  }

  /** From session keys directly, as the RFC 7714 section 16 and 17 vectors give them. */
  AesGcmCipher(byte[] rtpKey, byte[] rtpSalt, byte[] rtcpKey, byte[] rtcpSalt) {
    this.rtpKey = new SecretKeySpec(rtpKey, "AES");
    this.rtpSalt = rtpSalt.clone();
    this.rtcpKey = new SecretKeySpec(rtcpKey, "AES");
    this.rtcpSalt = rtcpSalt.clone();
    try {
      gcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES/GCM", e);
    }
  }

  @Override
  public int rtpTagLength() {
    return TAG;
  }

  @Override
  public int rtcpTrailerLength() {
    return TAG + 4;
  }

  @Override
  public int protectRtp(
      byte[] packet, int offset, int headerLength, int length, int ssrc, long index) {
    // Section 8.1: IV = salt XOR (0x0000 || SSRC || ROC || SEQ).
    rtpIv(ssrc, index);
    if (!init(Cipher.ENCRYPT_MODE, rtpKey)) {
      return Rejection.NONCE_REUSED.code;
    }
    gcm.updateAAD(packet, offset, headerLength);
    return headerLength + finish(packet, offset + headerLength, length - headerLength);
  }

  @Override
  public int unprotectRtp(
      byte[] packet, int offset, int headerLength, int length, int ssrc, long index) {
    rtpIv(ssrc, index);
    init(Cipher.DECRYPT_MODE, rtpKey);
    gcm.updateAAD(packet, offset, headerLength);
    int plain = open(packet, offset + headerLength, length - headerLength);
    return plain < 0 ? plain : headerLength + plain;
  }

  @Override
  public int protectRtcp(byte[] packet, int offset, int length, int ssrc, int index) {
    rtcpIv(ssrc, index);
    if (!init(Cipher.ENCRYPT_MODE, rtcpKey)) {
      return Rejection.NONCE_REUSED.code;
    }
    // Section 9: header, ciphertext, tag, then the E-flag and index word, which is also AAD.
    int indexAt = offset + length + TAG;
    PacketCipher.writeInt(packet, indexAt, 0x80000000 | index);
    gcm.updateAAD(packet, offset, 8);
    gcm.updateAAD(packet, indexAt, 4);
    return 8 + finish(packet, offset + 8, length - 8) + 4;
  }

  @Override
  public int rtcpIndexAt(int offset, int length) {
    return offset + length - 4;
  }

  @Override
  public int unprotectRtcp(
      byte[] packet, int offset, int length, int ssrc, int index, boolean encrypted) {
    rtcpIv(ssrc, index);
    init(Cipher.DECRYPT_MODE, rtcpKey);
    int indexAt = rtcpIndexAt(offset, length);
    // Section 9.2 (E = 0): the whole packet is associated data and only the tag is "ciphertext".
    int clear = encrypted ? 8 : indexAt - TAG - offset;
    gcm.updateAAD(packet, offset, clear);
    gcm.updateAAD(packet, indexAt, 4);
    int plain = open(packet, offset + clear, indexAt - offset - clear);
    return plain < 0 ? plain : clear + plain;
  }

  private void rtpIv(int ssrc, long index) {
    System.arraycopy(rtpSalt, 0, iv, 0, 12);
    PacketCipher.xorBigEndian(iv, 6, ssrc & 0xffffffffL, 4);
    PacketCipher.xorBigEndian(iv, 12, index, 6);
  }

  private void rtcpIv(int ssrc, int index) {
    // Section 9.1: IV = salt XOR (0x0000 || SSRC || 0x0000 || 0 || 31-bit index).
    System.arraycopy(rtcpSalt, 0, iv, 0, 12);
    PacketCipher.xorBigEndian(iv, 6, ssrc & 0xffffffffL, 4);
    PacketCipher.xorBigEndian(iv, 12, index, 4);
  }

  /** False if the JDK refuses the IV because this key encrypted under it last time. */
  private boolean init(int mode, SecretKeySpec key) {
    try {
      gcm.init(mode, key, new GCMParameterSpec(TAG * 8, iv));
      return true;
    } catch (InvalidAlgorithmParameterException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM refused a 16-byte key", e);
    }
  }

  /** Encrypts in place; the output length, ciphertext and tag. */
  private int finish(byte[] packet, int from, int length) {
    try {
      return gcm.doFinal(packet, from, length, packet, from);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM failed on a checked buffer", e);
    }
  }

  /**
   * Decrypts and checks the tag, then copies the plaintext back over the ciphertext; the plaintext
   * length, or the AUTH_FAILED code with the packet left as it was.
   */
  private int open(byte[] packet, int from, int length) {
    if (opened.length < length) {
      opened = new byte[length];
    }
    try {
      int plain = gcm.doFinal(packet, from, length, opened, 0);
      System.arraycopy(opened, 0, packet, from, plain);
      return plain;
    } catch (AEADBadTagException e) {
      return Rejection.AUTH_FAILED.code;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM failed on a checked buffer", e);
    }
  }
}
