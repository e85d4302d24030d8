package dev.parley.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketClassTest {
  /** The edges of RFC 7983's ranges. */
  @ParameterizedTest
  @CsvSource({
    "0, STUN",
    "3, STUN",
    "4, OTHER",
    "19, OTHER",
    "20, DTLS",
    "63, DTLS",
    "64, OTHER",
    "127, OTHER",
    "128, RTP",
    "191, RTP",
    "192, OTHER",
    "255, OTHER"
  })
  void theFirstByteTellsTheClass(int firstByte, PacketClass expected) {
    assertThat(PacketClass.of((byte) firstByte)).isEqualTo(expected);
  }
}
