package dev.parley.stun;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * The transport address layout shared by MAPPED-ADDRESS and the XOR- forms (RFC 8489 §14.1–14.2): a
 * reserved byte, the family, the port, then 4 or 16 address bytes. The XOR forms mask port and
 * address with the magic cookie followed by the transaction id; the plain form uses a zero mask.
 */
final class Addresses {
  static final byte[] NO_MASK = new byte[16];

  private Addresses() {}

  static byte[] xorMask(TransactionId transactionId) {
    return ByteBuffer.allocate(16)
        .putInt(StunMessage.MAGIC_COOKIE)
        .put(transactionId.toBytes())
        .array();
  }

  static InetSocketAddress requireResolved(AttributeType type, InetSocketAddress address) {
    if (address == null || address.isUnresolved()) {
      throw new IllegalArgumentException(type.rfcName + " needs a resolved address: " + address);
    }
    return address;
  }

  static InetSocketAddress decode(AttributeType type, ByteBuffer value, byte[] mask)
      throws StunParseException {
    if (value.remaining() < 4) {
      throw new StunParseException(
          type.rfcName + ": value is " + value.remaining() + " bytes, shorter than 4");
    }
    int start = value.position();
    AddressFamily family = AddressFamily.decode(type, value.get(start + 1) & 0xFF);
    Values.requireLength(type, value, 4 + family.addressLength);
    int port = (value.getShort(start + 2) ^ (mask[0] << 8 | mask[1] & 0xFF)) & 0xFFFF;
    byte[] address = new byte[family.addressLength];
    for (int i = 0; i < address.length; i++) {
      address[i] = (byte) (value.get(start + 4 + i) ^ mask[i]);
    }
    return new InetSocketAddress(toInetAddress(family, address), port);
  }

  static byte[] encode(InetSocketAddress socketAddress, byte[] mask) {
    byte[] address = socketAddress.getAddress().getAddress();
    ByteBuffer value = ByteBuffer.allocate(4 + address.length);
    value.put((byte) 0).put((byte) AddressFamily.of(socketAddress.getAddress()).code);
    value.putShort((short) (socketAddress.getPort() ^ (mask[0] << 8 | mask[1] & 0xFF)));
    for (int i = 0; i < address.length; i++) {
      value.put((byte) (address[i] ^ mask[i]));
    }
    return value.array();
  }

  /**
   * Inet6Address.getByAddress keeps an IPv4-mapped IPv6 address in the IPv6 family, where
   * InetAddress.getByAddress would turn it into an IPv4 address and change the encoding.
   */
  private static InetAddress toInetAddress(AddressFamily family, byte[] address) {
    try {
      return family == AddressFamily.IPV4
          ? InetAddress.getByAddress(address)
          : Inet6Address.getByAddress(null, address, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address length is fixed by the family", e);
    }
  }
}
