package dev.parley.stun;

/**
 * A 12-bit STUN method (RFC 8489 §5). A record rather than an enum so that a request for a method
 * this server does not implement still decodes and can be answered.
 */
public record Method(int code) {
  public static final Method BINDING = new Method(0x001); // RFC 8489 §18.2
  // The TURN methods, RFC 8656 §17.
  public static final Method ALLOCATE = new Method(0x003);
  public static final Method REFRESH = new Method(0x004);
  public static final Method SEND = new Method(0x006);
  public static final Method DATA = new Method(0x007);
  public static final Method CREATE_PERMISSION = new Method(0x008);
  public static final Method CHANNEL_BIND = new Method(0x009);

  public Method {
    if (code < 0 || code > 0xFFF) {
      throw new IllegalArgumentException("STUN method must fit in 12 bits: " + code);
    }
  }

  @Override
  public String toString() {
    return switch (code) {
      case 0x001 -> "Binding";
      case 0x003 -> "Allocate";
      case 0x004 -> "Refresh";
      case 0x006 -> "Send";
      case 0x007 -> "Data";
      case 0x008 -> "CreatePermission";
      case 0x009 -> "ChannelBind";
      default -> String.format("Method(0x%03x)", code);
    };
  }
}
