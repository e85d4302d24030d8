package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay's Data indication, written around its payload, is byte for byte the message it stands
 * for.
 */
class DataIndicationTest {
  private static final TransactionId ID = new TransactionId(0x0123456789abcdefL, 0x76543210);

  static Stream<Arguments> peersAndLengths() {
    List<InetSocketAddress> peers =
        List.of(
            new InetSocketAddress("192.0.2.15", 40000),
            new InetSocketAddress("2001:db8::1:2", 3478));
    return peers.stream()
        .flatMap(
            peer ->
                IntStream.of(0, 1, 2, 3, 4, 5, 1000, 65_000 - 48)
                    .mapToObj(length -> Arguments.of(peer, length)));
  }

  @ParameterizedTest
  @MethodSource("peersAndLengths")
  void prefixPayloadAndPaddingAreTheEncodedMessage(InetSocketAddress peer, int length)
      throws StunParseException {
    byte[] payload = new byte[length];
    for (int i = 0; i < length; i++) {
      payload[i] = (byte) (i * 7 + 1);
    }
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    written.writeBytes(DataIndication.prefix(ID, peer, length));
    written.writeBytes(payload);
    written.writeBytes(new byte[StunMessage.paddingLength(length)]);

    StunMessage message =
        new StunMessage(
            new MessageType(Method.DATA, MessageClass.INDICATION),
            ID,
            List.of(new XorPeerAddress(peer), new Data(payload)));
    assertThat(written.toByteArray()).isEqualTo(message.encode());
    assertThat(StunMessage.decode(written.toByteArray())).isEqualTo(message);
  }

  @ParameterizedTest
  @MethodSource("peersAndLengths")
  void channelDataHeaderAndPayloadAreTheEncodedMessage(InetSocketAddress ignored, int length) {
    byte[] payload = new byte[length];
    ChannelData channelData = new ChannelData(0x4abc, payload);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    written.writeBytes(ChannelData.header(0x4abc, length));
    written.writeBytes(payload);
    assertThat(written.toByteArray()).isEqualTo(channelData.encode());
    written.writeBytes(new byte[StunMessage.paddingLength(length)]);
    assertThat(written.toByteArray()).isEqualTo(channelData.encodePadded());
  }

  @Test
  void aPayloadTooLongForTheLengthFieldIsRefused() {
    InetSocketAddress peer = new InetSocketAddress("2001:db8::1", 9);
    assertThatThrownBy(() -> DataIndication.prefix(ID, peer, 0xFFFF - 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("65511 bytes of data do not fit in a Data indication");
  }
}
