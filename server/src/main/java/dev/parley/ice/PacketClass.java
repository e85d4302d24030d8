package dev.parley.ice;

/**
 * What a datagram on the media port is, from its first byte (RFC 7983 §7, as updated by RFC 9443):
 * STUN 0–3, DTLS 20–63, RTP and RTCP 128–191. ZRTP (16–19), TURN channels (64–79) and the rest are
 * not spoken here.
 */
public enum PacketClass {
  STUN,
  DTLS,
  RTP,
  OTHER;

  public static PacketClass of(byte firstByte) {
    int b = firstByte & 0xFF;
    if (b <= 3) {
      return STUN;
    } else if (b >= 20 && b <= 63) {
      return DTLS;
    } else if (b >= 128 && b <= 191) {
      return RTP;
    }
    return OTHER;
  }
}
