package dev.parley.stun;

import java.util.HexFormat;

/** Test vectors as readable hex: whitespace is ignored. */
final class Hex {
  static final String TRANSACTION_ID = "b7e7a701bc34d686fa87dfae";

  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
  }

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** A STUN message of the given type and attribute bytes, with a correct length field. */
  static byte[] stun(String type, String attributes) {
    byte[] body = bytes(attributes);
    return bytes(
        type + String.format("%04x", body.length) + "2112a442" + TRANSACTION_ID + Hex.of(body));
  }
}
