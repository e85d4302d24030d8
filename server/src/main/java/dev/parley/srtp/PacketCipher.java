package dev.parley.srtp;

/**
 * One profile's transform of a packet whose index is already known: encrypt and tag, or check and
 * decrypt, in place. Returns the new length, or {@link Rejection#AUTH_FAILED}'s (or, protecting
 * under GCM, {@link Rejection#NONCE_REUSED}'s) code. The caller has checked lengths and room.
 */
sealed interface PacketCipher permits AesCmHmacCipher, AesGcmCipher {
  /** The bytes SRTP appends to an RTP packet. */
  int rtpTagLength();

  /** The bytes SRTCP appends to an RTCP packet: the index word and the tag. */
  int rtcpTrailerLength();

  int protectRtp(byte[] packet, int offset, int headerLength, int length, int ssrc, long index);

  int unprotectRtp(byte[] packet, int offset, int headerLength, int length, int ssrc, long index);

  /** Encrypts the packet after its first 8 bytes, appends E-flag and index, and the tag. */
  int protectRtcp(byte[] packet, int offset, int length, int ssrc, int index);

  /** Where the E-flag and index word of an SRTCP packet of {@code length} bytes starts. */
  int rtcpIndexAt(int offset, int length);

  int unprotectRtcp(byte[] packet, int offset, int length, int ssrc, int index, boolean encrypted);

  static int readInt(byte[] bytes, int at) {
    return (bytes[at] & 0xff) << 24
        | (bytes[at + 1] & 0xff) << 16
        | (bytes[at + 2] & 0xff) << 8
        | (bytes[at + 3] & 0xff);
  }

  static void writeInt(byte[] bytes, int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  /**
   * XORs the low {@code count} bytes of {@code value} into {@code bytes} ending before {@code end}.
   */
  static void xorBigEndian(byte[] bytes, int end, long value, int count) {
    for (int i = 1; i <= count; i++, value >>>= 8) {
      bytes[end - i] ^= (byte) value;
    }
  }
}
