package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignalFrameTest {
  private static final String CANDIDATE =
      "\"candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\"";

  @Test
  void writesAnIceCandidateSignalInParleysEnvelope() {
    assertThat(encode(new Protocol.Parley(), "hV3x9sQk2LmPz0aT4yWbRg", 7, 123))
        .isEqualTo(
            "{\"type\":\"signal\",\"to\":\"hV3x9sQk2LmPz0aT4yWbRg\",\"data\":{\"candidate\":"
                + CANDIDATE
                + ",\"seq\":7,\"t\":123}}");
  }

  @Test
  void writesAnIceCandidateSignalInPeerJsEnvelope() {
    assertThat(encode(new Protocol.PeerJs(), "bench-x-3-b", 7, 123))
        .isEqualTo(
            "{\"type\":\"CANDIDATE\",\"dst\":\"bench-x-3-b\",\"payload\":{\"candidate\":"
                + CANDIDATE
                + ",\"seq\":7,\"t\":123}}");
  }

  @Test
  void readsWhatParleyRelays() {
    ByteBuf frame =
        ascii(
            "{\"type\":\"signal\",\"from\":\"c7NfE1uJ5oKdX8iGqAvM2w\","
                + "\"data\":{\"candidate\":"
                + CANDIDATE
                + ",\"seq\":42,\"t\":-9007199254740993}}");

    assertThat(new Protocol.Parley().isRelayed(frame)).isTrue();
    assertThat(new Protocol.PeerJs().isRelayed(frame)).isFalse();
    assertThat(SignalFrame.stamp(frame)).isEqualTo(new SignalFrame.Stamp(42, -9007199254740993L));
  }

  @Test
  void readsWhatPeerJsRelays() {
    // JSON.stringify({type, src, dst, payload}) in the PeerJS server's transmission handler.
    ByteBuf frame =
        ascii(
            "{\"type\":\"CANDIDATE\",\"src\":\"bench-x-3-a\",\"dst\":\"bench-x-3-b\","
                + "\"payload\":{\"candidate\":"
                + CANDIDATE
                + ",\"seq\":42,\"t\":1234567890123}}");

    assertThat(new Protocol.PeerJs().isRelayed(frame)).isTrue();
    assertThat(SignalFrame.stamp(frame)).isEqualTo(new SignalFrame.Stamp(42, 1234567890123L));
  }

  @Test
  void leavesOtherFramesToTheJsonParser() {
    ByteBuf frame = ascii("{\"type\":\"welcome\",\"peerId\":\"x\",\"peers\":[]}");

    assertThat(new Protocol.Parley().isRelayed(frame)).isFalse();
    assertThat(SignalFrame.stamp(frame)).isNull();
  }

  private static String encode(Protocol protocol, String to, long seq, long sentNanos) {
    ByteBuf frame =
        SignalFrame.encode(ByteBufAllocator.DEFAULT, protocol.signalHead(to), seq, sentNanos);
    try {
      return frame.toString(StandardCharsets.US_ASCII);
    } finally {
      frame.release();
    }
  }

  private static ByteBuf ascii(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
  }
}
