package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelDataTest {
  static final ChannelData HELLO = new ChannelData(0x4000, Hex.bytes("68656c6c6f"));

  @Test
  void encodesUnpaddedForUdpAndPaddedForStreams() {
    assertThat(Hex.of(HELLO.encode())).isEqualTo("4000000568656c6c6f");
    assertThat(Hex.of(HELLO.encodePadded())).isEqualTo("4000000568656c6c6f000000");
  }

  @Test
  void decodesWithOrWithoutPadding() throws StunParseException {
    assertThat(ChannelData.decode(Hex.bytes("4000 0005 68656c6c6f"))).isEqualTo(HELLO);
    assertThat(ChannelData.decode(Hex.bytes("4000 0005 68656c6c6f 000000"))).isEqualTo(HELLO);
    assertThat(ChannelData.decode(Hex.bytes("4fff 0000")))
        .isEqualTo(new ChannelData(0x4fff, new byte[0]));
  }

  @Test
  void decodesTheRemainingBytesOfABufferInPlaceWithoutMovingIt() throws StunParseException {
    ByteBuffer buffer = ByteBuffer.wrap(Hex.bytes("ffff 4000 0005 68656c6c6f")).position(2);

    assertThat(ChannelData.decodeView(buffer)).isEqualTo(HELLO);
    assertThat(buffer.position()).isEqualTo(2);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            "truncated header",
            "4000 00",
            "a ChannelData message needs a 4-byte header, got 3 bytes"),
        Arguments.of(
            "reserved channel", "5000 0000", "channel number 0x5000 is not in 0x4000-0x4FFF"),
        Arguments.of("STUN range", "3fff 0000", "channel number 0x3fff is not in 0x4000-0x4FFF"),
        Arguments.of(
            "data overruns",
            "4000 0005 6865",
            "ChannelData length 5 overruns the 2 bytes after the header"),
        Arguments.of(
            "trailing bytes",
            "4000 0001 61000000 00",
            "4 bytes follow ChannelData of length 1, more than its padding"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejects(String name, String hex, String message) {
    assertThatThrownBy(() -> ChannelData.decode(Hex.bytes(hex)))
        .isInstanceOf(StunParseException.class)
        .hasMessage(message);
  }

  @Test
  void tellsStunFromChannelDataByTheFirstTwoBits() {
    assertThat(PacketKind.of((byte) 0x00)).isEqualTo(PacketKind.STUN);
    assertThat(PacketKind.of((byte) 0x3f)).isEqualTo(PacketKind.STUN);
    assertThat(PacketKind.of((byte) 0x40)).isEqualTo(PacketKind.CHANNEL_DATA);
    assertThat(PacketKind.of((byte) 0x7f)).isEqualTo(PacketKind.CHANNEL_DATA);
    assertThat(PacketKind.of((byte) 0x80)).isEqualTo(PacketKind.OTHER); // RTP (RFC 7983)
    assertThat(PacketKind.of((byte) 0xff)).isEqualTo(PacketKind.OTHER);
  }

  @Test
  void rejectsChannelNumbersOutsideTheRange() {
    assertThatThrownBy(() -> new ChannelData(0x3fff, new byte[0]))
        .hasMessage("channel number 0x3fff is not in 0x4000-0x4FFF");
  }
}
