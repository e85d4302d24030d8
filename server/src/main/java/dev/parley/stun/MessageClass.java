package dev.parley.stun;

/** The two class bits C1 C0 of the message type (RFC 8489 §5). */
public enum MessageClass {
  REQUEST(0b00),
  INDICATION(0b01),
  SUCCESS_RESPONSE(0b10),
  ERROR_RESPONSE(0b11);

  final int bits;

  MessageClass(int bits) {
    this.bits = bits;
  }

  static MessageClass of(int bits) {
    return values()[bits];
  }
}
