package dev.parley.srtp;

/**
 * One direction of SRTP and SRTCP protection: built from a master key, salt and profile, it
 * protects (sending) or unprotects (receiving) RTP and RTCP packets in place in the caller's
 * buffer. Per SSRC it keeps the rollover counter estimate (RFC 3711 section 3.3.1, appendix A) and
 * a replay window, each updated only once a packet has authenticated, for at most {@code
 * maxSources} sources. Results are lengths, or a negative {@link Rejection} code: a bad packet is
 * counted by the caller, never thrown or logged. Not thread-safe: one thread per context.
 */
public final class SrtpContext {
  /** The default cap on SSRCs per context and per protocol (RTP, RTCP). */
  public static final int DEFAULT_MAX_SOURCES = 64;

  private static final int RTP_HEADER = 12;
  private static final int RTCP_HEADER = 8;

  private final PacketCipher cipher;
  private final Sources rtpSources;
  private final Sources rtcpSources;

  public SrtpContext(Profile profile, byte[] masterKey, byte[] masterSalt) {
    this(profile, masterKey, masterSalt, DEFAULT_MAX_SOURCES);
  }

  public SrtpContext(Profile profile, byte[] masterKey, byte[] masterSalt, int maxSources) {
    this(cipher(profile, masterKey, masterSalt), maxSources);
  }

  SrtpContext(PacketCipher cipher, int maxSources) {
    this.cipher = cipher;
    this.rtpSources = new Sources(maxSources);
    this.rtcpSources = new Sources(maxSources);
  }

  private static PacketCipher cipher(Profile profile, byte[] masterKey, byte[] masterSalt) {
    if (masterKey.length != profile.keyLength || masterSalt.length != profile.saltLength) {
      throw new IllegalArgumentException(
          profile
              + " needs a "
              + profile.keyLength
              + "-byte key and "
              + profile.saltLength
              + "-byte salt");
    }
    return switch (profile) {
      case AES_CM_128_HMAC_SHA1_80 -> AesCmHmacCipher.fromMaster(masterKey, masterSalt);
      case AEAD_AES_128_GCM -> AesGcmCipher.fromMaster(masterKey, masterSalt);
    };
  }

  /** The room protectRtp needs after an RTP packet. */
  public int rtpOverhead() {
    return cipher.rtpTagLength();
  }

  /** The room protectRtcp needs after an RTCP packet. */
  public int rtcpOverhead() {
    return cipher.rtcpTrailerLength();
  }

  /**
   * Protects the RTP packet at {@code packet[offset, offset + length)}, which must have {@link
   * #rtpOverhead()} bytes of room after it; returns the SRTP length or a rejection code.
   */
  public int protectRtp(byte[] packet, int offset, int length) {
    checkRange(packet, offset, length, rtpOverhead());
    int headerLength = rtpHeaderLength(packet, offset, length);
    if (headerLength < 0) {
      return headerLength;
    }
    int ssrc = PacketCipher.readInt(packet, offset + 8);
    ReplayWindow sent = rtpSources.find(ssrc);
    if (sent == null) {
      if (rtpSources.full()) {
        return Rejection.TOO_MANY_SOURCES.code;
      }
      sent = rtpSources.add(ssrc);
    }
    long index = estimateIndex(sent.highest, sequenceNumber(packet, offset));
    if (index < 0) {
      return Rejection.TOO_OLD.code;
    }
    int result = cipher.protectRtp(packet, offset, headerLength, length, ssrc, index);
    if (result >= 0 && index > sent.highest) {
      sent.accept(index);
    }
    return result;
  }

  /** Checks and decrypts the SRTP packet in place; returns the RTP length or a rejection code. */
  public int unprotectRtp(byte[] packet, int offset, int length) {
    checkRange(packet, offset, length, 0);
    int headerLength = rtpHeaderLength(packet, offset, length - rtpOverhead());
    if (headerLength < 0) {
      return headerLength;
    }
    int ssrc = PacketCipher.readInt(packet, offset + 8);
    ReplayWindow received = rtpSources.find(ssrc);
    if (received == null && rtpSources.full()) {
      return Rejection.TOO_MANY_SOURCES.code;
    }
    long index =
        estimateIndex(received == null ? -1 : received.highest, sequenceNumber(packet, offset));
    int verdict =
        received == null ? (index < 0 ? Rejection.TOO_OLD.code : 0) : received.check(index);
    if (verdict < 0) {
      return verdict;
    }
    int result = cipher.unprotectRtp(packet, offset, headerLength, length, ssrc, index);
    if (result >= 0) {
      (received == null ? rtpSources.add(ssrc) : received).accept(index);
    }
    return result;
  }

  /**
   * Protects the RTCP packet (compound or not) with the source's next SRTCP index and the E-flag
   * set, given {@link #rtcpOverhead()} bytes of room; returns the SRTCP length or a rejection code.
   */
  public int protectRtcp(byte[] packet, int offset, int length) {
    checkRange(packet, offset, length, rtcpOverhead());
    if (length < RTCP_HEADER) {
      return Rejection.TOO_SHORT.code;
    }
    int ssrc = PacketCipher.readInt(packet, offset + 4);
    ReplayWindow sent = rtcpSources.find(ssrc);
    if (sent == null) {
      if (rtcpSources.full()) {
        return Rejection.TOO_MANY_SOURCES.code;
      }
      sent = rtcpSources.add(ssrc);
    }
    // RFC 3711 section 3.4: the index starts at zero and counts every packet sent, modulo 2^31.
    int index = (int) ((sent.highest + 1) & 0x7fffffff);
    int result = cipher.protectRtcp(packet, offset, length, ssrc, index);
    if (result >= 0) {
      sent.accept(index);
    }
    return result;
  }

  /** Checks and (if its E-flag says so) decrypts the SRTCP packet; the RTCP length or a code. */
  public int unprotectRtcp(byte[] packet, int offset, int length) {
    checkRange(packet, offset, length, 0);
    if (length < RTCP_HEADER + rtcpOverhead()) {
      return Rejection.TOO_SHORT.code;
    }
    int ssrc = PacketCipher.readInt(packet, offset + 4);
    ReplayWindow received = rtcpSources.find(ssrc);
    if (received == null && rtcpSources.full()) {
      return Rejection.TOO_MANY_SOURCES.code;
    }
    int word = PacketCipher.readInt(packet, cipher.rtcpIndexAt(offset, length));
    int index = word & 0x7fffffff;
    int verdict = received == null ? 0 : received.check(index);
    if (verdict < 0) {
      return verdict;
    }
    int result = cipher.unprotectRtcp(packet, offset, length, ssrc, index, word < 0);
    if (result >= 0) {
      (received == null ? rtcpSources.add(ssrc) : received).accept(index);
    }
    return result;
  }

  /**
   * RFC 3711 appendix A: the index whose ROC puts {@code seq} nearest the highest index so far (ROC
   * - 1, ROC or ROC + 1); negative if that is before index 0. The first packet has ROC 0.
   */
  static long estimateIndex(long highest, int seq) {
    if (highest < 0) {
      return seq;
    }
    long roc = highest >>> 16;
    int last = (int) (highest & 0xffff);
    long guess;
    if (last < 0x8000) {
      guess = seq - last > 0x8000 ? roc - 1 : roc;
    } else {
      guess = last - 0x8000 > seq ? roc + 1 : roc;
    }
    return guess < 0 ? -1 : guess << 16 | seq;
  }

  /**
   * The fixed header, CSRCs and header extension; TOO_SHORT's code if they overrun {@code limit}.
   */
  private static int rtpHeaderLength(byte[] packet, int offset, int limit) {
    if (limit < RTP_HEADER) {
      return Rejection.TOO_SHORT.code;
    }
    int length = RTP_HEADER + 4 * (packet[offset] & 0x0f);
    if ((packet[offset] & 0x10) != 0) {
      if (length + 4 > limit) {
        return Rejection.TOO_SHORT.code;
      }
      int words = (packet[offset + length + 2] & 0xff) << 8 | (packet[offset + length + 3] & 0xff);
      length += 4 + 4 * words;
    }
    return length > limit ? Rejection.TOO_SHORT.code : length;
  }

  private static int sequenceNumber(byte[] packet, int offset) {
    return (packet[offset + 2] & 0xff) << 8 | (packet[offset + 3] & 0xff);
  }

  private static void checkRange(byte[] packet, int offset, int length, int room) {
    if (offset < 0 || length < 0 || packet.length - offset - length < room) {
      throw new IllegalArgumentException(
          "packet range " + offset + "+" + length + " (+" + room + " room) is outside the buffer");
    }
  }
}
