package dev.parley.stun;

import java.util.Locale;

/**
 * The 14-bit message type: method and class interleaved as M11..M7 C1 M6..M4 C0 M3..M0 (RFC 8489
 * §5, Figure 3).
 */
public record MessageType(Method method, MessageClass messageClass) {
  public MessageType {
    if (method == null || messageClass == null) {
      throw new NullPointerException("method and class are required");
    }
  }

  int encode() {
    int m = method.code();
    int c = messageClass.bits;
    return (m & 0x000F) | (c & 0b01) << 4 | (m & 0x0070) << 1 | (c & 0b10) << 7 | (m & 0x0F80) << 2;
  }

  /**
   * The inverse of {@link #encode()}; {@code field} has its two leading zero bits already checked.
   */
  static MessageType decode(int field) {
    int m = (field & 0x000F) | (field >> 1 & 0x0070) | (field >> 2 & 0x0F80);
    int c = (field >> 4 & 0b01) | (field >> 7 & 0b10);
    return new MessageType(new Method(m), MessageClass.of(c));
  }

  @Override
  public String toString() {
    return method + " " + messageClass.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
