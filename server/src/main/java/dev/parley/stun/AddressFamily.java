package dev.parley.stun;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The address family codes of RFC 8489 §14.1, also used by TURN's family attributes. */
public enum AddressFamily {
  IPV4(0x01, 4),
  IPV6(0x02, 16);

  final int code;
  final int addressLength;

  AddressFamily(int code, int addressLength) {
    this.code = code;
    this.addressLength = addressLength;
  }

  static AddressFamily decode(AttributeType type, int code) throws StunParseException {
    return switch (code) {
      case 0x01 -> IPV4;
      case 0x02 -> IPV6;
      default ->
          throw new StunParseException(
              String.format(
                  "%s: family 0x%02x is neither IPv4 (0x01) nor IPv6 (0x02)", type.rfcName, code));
    };
  }

  public static AddressFamily of(InetAddress address) {
    return address instanceof Inet4Address ? IPV4 : IPV6;
  }
}
