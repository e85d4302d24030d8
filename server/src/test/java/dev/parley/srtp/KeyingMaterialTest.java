package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 5764 section 4.2: client key, server key, client salt, server salt, in that order. */
class KeyingMaterialTest {
  @Test
  void splitsTheFourPartsInTheirRfcOrder() {
    byte[] material = new byte[60];
    for (int i = 0; i < material.length; i++) {
      material[i] = (byte) i;
    }
    KeyingMaterial split = KeyingMaterial.split(material, 16, 14);
    assertArrayEquals(range(0, 16), split.clientKey());
    assertArrayEquals(range(16, 32), split.serverKey());
    assertArrayEquals(range(32, 46), split.clientSalt());
    assertArrayEquals(range(46, 60), split.serverSalt());
  }

  @Test
  void refusesMaterialOfTheWrongLength() {
    assertThrows(IllegalArgumentException.class, () -> KeyingMaterial.split(new byte[59], 16, 14));
  }

  private static byte[] range(int from, int to) {
    byte[] bytes = new byte[to - from];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (from + i);
    }
    return bytes;
  }
}
