package dev.parley.stun;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMACs and CRC over a message prefix. Each covers the bytes before its attribute, with the
 * header's length field rewritten to end just after that attribute, as if it were the last one (RFC
 * 8489 §14.5–14.7).
 */
final class Integrity {
  static final String HMAC_SHA1 = "HmacSHA1";
  static final String HMAC_SHA256 = "HmacSHA256";

  /** The order the three may appear in: integrity, then SHA-256 integrity, then fingerprint. */
  enum Rank {
    OTHER(null),
    MESSAGE_INTEGRITY(AttributeType.MESSAGE_INTEGRITY),
    MESSAGE_INTEGRITY_SHA256(AttributeType.MESSAGE_INTEGRITY_SHA256),
    FINGERPRINT(AttributeType.FINGERPRINT);

    final AttributeType type;

    Rank(AttributeType type) {
      this.type = type;
    }

    static Rank of(StunAttribute attribute) {
      return switch (attribute) {
        case MessageIntegrity integrity -> MESSAGE_INTEGRITY;
        case MessageIntegritySha256 integrity -> MESSAGE_INTEGRITY_SHA256;
        case Fingerprint fingerprint -> FINGERPRINT;
        default -> OTHER;
      };
    }
  }

  private Integrity() {}

  /**
   * HMAC over {@code message[0, end)} where the attribute being computed, with a value of {@code
   * valueLength} bytes, starts at {@code end}.
   */
  static byte[] hmac(String algorithm, byte[] key, ByteBuffer message, int end, int valueLength) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      // HMAC pads keys with zeros, so an empty key equals a single zero byte, which SecretKeySpec
      // accepts.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
      mac.update(message.slice(0, 2));
      mac.update(lengthField(end, valueLength));
      mac.update(message.slice(4, end - 4));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides " + algorithm, e);
    }
  }

  /** CRC-32 of {@code message[0, end)} XOR 0x5354554E, FINGERPRINT starting at {@code end}. */
  static int fingerprint(ByteBuffer message, int end) {
    CRC32 crc = new CRC32();
    crc.update(message.slice(0, 2));
    crc.update(lengthField(end, 4));
    crc.update(message.slice(4, end - 4));
    return (int) crc.getValue() ^ Fingerprint.XOR;
  }

  private static byte[] lengthField(int attributeOffset, int valueLength) {
    int length = attributeOffset - StunMessage.HEADER_LENGTH + 4 + valueLength;
    return new byte[] {(byte) (length >> 8), (byte) length};
  }
}
