package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 3711 appendix B.3, the key derivation test vectors (checked against the RFC text and the
 * copies in pion/srtp and jitsi-srtp tests; the 20-byte auth key is the first 20 of the 94 listed).
 */
class KeyDerivationTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] MASTER_KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
  private static final byte[] MASTER_SALT = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");

  @Test
  void derivesTheCipherKeyOfAppendixB3() {
    assertEquals(
        "c61e7a93744f39ee10734afe3ff7a087",
        HEX.formatHex(
            KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.Label.RTP_ENCRYPTION, 16)));
  }

  @Test
  void derivesTheCipherSaltOfAppendixB3() {
    assertEquals(
        "30cbbc08863d8c85d49db34a9ae1",
        HEX.formatHex(
            KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.Label.RTP_SALT, 14)));
  }

  @Test
  void derivesTheAuthenticationKeyOfAppendixB3() {
    assertEquals(
        "cebe321f6ff7716b6fd4ab49af256a156d38baa4",
        HEX.formatHex(
            KeyDerivation.derive(
                MASTER_KEY, MASTER_SALT, KeyDerivation.Label.RTP_AUTHENTICATION, 20)));
  }
}
