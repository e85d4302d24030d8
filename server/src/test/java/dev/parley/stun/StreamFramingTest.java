package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFramingTest {
  static int next(String hex) throws StunParseException {
    return StreamFraming.nextFrameLength(ByteBuffer.wrap(Hex.bytes(hex)));
  }

  @Test
  void asksForFourBytesUntilTheHeaderHasArrived() throws StunParseException {
    assertThat(next("")).isEqualTo(4);
    assertThat(next("00")).isEqualTo(4);
    assertThat(next("4000 00")).isEqualTo(4);
  }

  @Test
  void stunLengthComesFromItsHeader() throws StunParseException {
    assertThat(next("0001 0058")).isEqualTo(20 + 0x58);
    assertThat(next("0001 0000 2112")).isEqualTo(20);
  }

  @Test
  void channelDataIsPaddedOnStreams() throws StunParseException {
    assertThat(next("4000 0000")).isEqualTo(4);
    assertThat(next("4000 0004")).isEqualTo(8);
    assertThat(next("4fff 0005")).isEqualTo(12);
    assertThat(next("4000 ffff")).isEqualTo(4 + 0x10000);
  }

  @Test
  void rejectsStreamsThatAreNeitherStunNorChannelData() {
    assertThatThrownBy(() -> next("80"))
        .isInstanceOf(StunParseException.class)
        .hasMessage("byte 0x80 starts neither a STUN nor a ChannelData message");
    assertThatThrownBy(() -> next("0001 0005"))
        .hasMessage("STUN message length 5 is not a multiple of 4");
    assertThatThrownBy(() -> next("5000 0004"))
        .hasMessage("channel number 0x5000 is not in 0x4000-0x4FFF");
  }

  @Test
  void splitsAStreamIntoMessages() throws StunParseException {
    ChannelData channelData = new ChannelData(0x4001, Hex.bytes("0102030405"));
    ByteBuffer stream =
        ByteBuffer.wrap(
            Hex.bytes(
                Hex.of(StunTestVectorsTest.SAMPLE_REQUEST)
                    + Hex.of(channelData.encodePadded())
                    + Hex.of(StunTestVectorsTest.SAMPLE_IPV4_RESPONSE)));
    List<Object> messages = new ArrayList<>();

    while (stream.hasRemaining()) {
      int length = StreamFraming.nextFrameLength(stream);
      ByteBuffer frame = stream.slice(stream.position(), length);
      messages.add(
          PacketKind.of(frame.get(0)) == PacketKind.STUN
              ? StunMessage.decodeView(frame)
              : ChannelData.decodeView(frame));
      stream.position(stream.position() + length);
    }

    assertThat(messages)
        .containsExactly(
            StunMessage.decode(StunTestVectorsTest.SAMPLE_REQUEST),
            channelData,
            StunMessage.decode(StunTestVectorsTest.SAMPLE_IPV4_RESPONSE));
  }
}
