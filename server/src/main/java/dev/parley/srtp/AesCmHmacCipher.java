package dev.parley.srtp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES_CM_128_HMAC_SHA1_80 (RFC 3711): AES in counter mode with the IV of section 4.1.1, and an
 * HMAC-SHA1 tag truncated to 80 bits over the authenticated portion and the ROC (SRTP) or over the
 * packet with its E-flag and index (SRTCP). The keystream is AES-ECB over counter blocks built in a
 * reused buffer, so no Cipher.init and no allocation per packet; the Macs are keyed once.
 */
final class AesCmHmacCipher implements PacketCipher {
  private static final int TAG = 10;
  private static final int BLOCK = 16;

  private final Direction rtp;
  private final Direction rtcp;
  private final byte[] counter = new byte[BLOCK];
  private final byte[] roc = new byte[4];
  private final byte[] fullTag = new byte[20];
  private final byte[] computedTag = new byte[TAG];
  private final byte[] receivedTag = new byte[TAG];
  private byte[] counters = new byte[2048];
  private byte[] keystream = new byte[2048];

  /** The keys of one of SRTP and SRTCP: session key, salt and authentication key. */
  private record Direction(Cipher aes, byte[] salt, Mac mac) {}

  static AesCmHmacCipher fromMaster(byte[] masterKey, byte[] masterSalt) {
    return new AesCmHmacCipher(
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTP_ENCRYPTION, 16),
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTP_SALT, 14),
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTP_AUTHENTICATION, 20),
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTCP_ENCRYPTION, 16),
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTCP_SALT, 14),
        KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.Label.RTCP_AUTHENTICATION, 20));
  }

  /** From session keys directly, as the RFC 3711 appendix B.2 vector gives them. */
  AesCmHmacCipher(
      byte[] rtpKey,
      byte[] rtpSalt,
      byte[] rtpAuthKey,
      byte[] rtcpKey,
      byte[] rtcpSalt,
      byte[] rtcpAuthKey) {
    rtp = direction(rtpKey, rtpSalt, rtpAuthKey);
    rtcp = direction(rtcpKey, rtcpSalt, rtcpAuthKey);
  }

  private static Direction direction(byte[] key, byte[] salt, byte[] authKey) {
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
      return new Direction(aes, salt.clone(), mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES or HmacSHA1", e);
    }
  }

  @Override
  public int rtpTagLength() {
    return TAG;
  }

  @Override
  public int rtcpTrailerLength() {
    return 4 + TAG;
  }

  @Override
  public int protectRtp(
      byte[] packet, int offset, int headerLength, int length, int ssrc, long index) {
    xorKeystream(rtp, ssrc, index, packet, offset + headerLength, length - headerLength);
    PacketCipher.writeInt(roc, 0, (int) (index >>> 16));
    tag(rtp.mac, packet, offset, length, roc);
    System.arraycopy(computedTag, 0, packet, offset + length, TAG);
    return length + TAG;
  }

  @Override
  public int unprotectRtp(
      byte[] packet, int offset, int headerLength, int length, int ssrc, long index) {
    int authenticated = length - TAG;
    PacketCipher.writeInt(roc, 0, (int) (index >>> 16));
    tag(rtp.mac, packet, offset, authenticated, roc);
    if (!tagMatches(packet, offset + authenticated)) {
      return Rejection.AUTH_FAILED.code;
    }
    xorKeystream(rtp, ssrc, index, packet, offset + headerLength, authenticated - headerLength);
    return authenticated;
  }

  @Override
  public int protectRtcp(byte[] packet, int offset, int length, int ssrc, int index) {
    xorKeystream(rtcp, ssrc, index, packet, offset + 8, length - 8);
    PacketCipher.writeInt(packet, offset + length, 0x80000000 | index);
    tag(rtcp.mac, packet, offset, length + 4, null);
    System.arraycopy(computedTag, 0, packet, offset + length + 4, TAG);
    return length + 4 + TAG;
  }

  @Override
  public int rtcpIndexAt(int offset, int length) {
    return offset + length - TAG - 4;
  }

  @Override
  public int unprotectRtcp(
      byte[] packet, int offset, int length, int ssrc, int index, boolean encrypted) {
    int indexAt = rtcpIndexAt(offset, length);
    tag(rtcp.mac, packet, offset, indexAt + 4 - offset, null);
    if (!tagMatches(packet, indexAt + 4)) {
      return Rejection.AUTH_FAILED.code;
    }
    if (encrypted) {
      xorKeystream(rtcp, ssrc, index, packet, offset + 8, indexAt - offset - 8);
    }
    return indexAt - offset;
  }

  /** Leaves the truncated HMAC of the bytes (and {@code suffix}, if any) in computedTag. */
  private void tag(Mac mac, byte[] packet, int offset, int length, byte[] suffix) {
    mac.update(packet, offset, length);
    if (suffix != null) {
      mac.update(suffix);
    }
    try {
      mac.doFinal(fullTag, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException("HmacSHA1 wrote more than 20 bytes", e);
    }
    System.arraycopy(fullTag, 0, computedTag, 0, TAG);
  }

  private boolean tagMatches(byte[] packet, int at) {
    System.arraycopy(packet, at, receivedTag, 0, TAG);
    return MessageDigest.isEqual(computedTag, receivedTag);
  }

  /** XORs the keystream of RFC 3711 section 4.1.1 for (ssrc, index) over the bytes. */
  private void xorKeystream(
      Direction keys, int ssrc, long index, byte[] bytes, int from, int length) {
    if (length <= 0) {
      return;
    }
    int blocks = (length + BLOCK - 1) / BLOCK;
    int size = blocks * BLOCK;
    if (counters.length < size) {
      counters = new byte[size];
      keystream = new byte[size];
    }
    // IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16); block i adds i to the low 16 bits.
    System.arraycopy(keys.salt, 0, counter, 0, 14);
    counter[14] = 0;
    counter[15] = 0;
    PacketCipher.xorBigEndian(counter, 8, ssrc & 0xffffffffL, 4);
    PacketCipher.xorBigEndian(counter, 14, index, 6);
    for (int i = 0; i < blocks; i++) {
      counter[14] = (byte) (i >>> 8);
      counter[15] = (byte) i;
      System.arraycopy(counter, 0, counters, i * BLOCK, BLOCK);
    }
    try {
      keys.aes.doFinal(counters, 0, size, keystream, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-ECB refused whole blocks", e);
    }
    for (int i = 0; i < length; i++) {
      bytes[from + i] ^= keystream[i];
    }
  }
}
