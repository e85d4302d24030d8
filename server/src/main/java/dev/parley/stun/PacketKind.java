package dev.parley.stun;

/**
 * What a packet on a TURN port is, from its first two bits: 0b00 is STUN, 0b01 is ChannelData (RFC
 * 8656 §12; the ranges of RFC 7983 §7 narrow these further for ports shared with media).
 */
public enum PacketKind {
  STUN,
  CHANNEL_DATA,
  OTHER;

  public static PacketKind of(byte firstByte) {
    return switch ((firstByte & 0xC0) >> 6) {
      case 0b00 -> STUN;
      case 0b01 -> CHANNEL_DATA;
      default -> OTHER;
    };
  }
}
