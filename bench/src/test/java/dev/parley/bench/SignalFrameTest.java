package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignalFrameTest {

  @Test
  void writesAnIceCandidateSignal() {
    byte[] head = SignalFrame.head("hV3x9sQk2LmPz0aT4yWbRg");
    ByteBuf frame = SignalFrame.encode(ByteBufAllocator.DEFAULT, head, 7, 123);
    try {
      assertThat(frame.toString(StandardCharsets.US_ASCII)).isEqualTo(
          "{\"type\":\"signal\",\"to\":\"hV3x9sQk2LmPz0aT4yWbRg\",\"data\":{\"candidate\":"
              + "\"candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\",\"seq\":7,\"t\":123}}");
    } finally {
      frame.release();
    }
  }

  @Test
  void readsWhatParleyRelays() {
    ByteBuf frame = ascii("{\"type\":\"signal\",\"from\":\"c7NfE1uJ5oKdX8iGqAvM2w\","
        + "\"data\":{\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\","
        + "\"seq\":42,\"t\":-9007199254740993}}");

    assertThat(SignalFrame.isRelayed(frame)).isTrue();
    assertThat(SignalFrame.stamp(frame)).isEqualTo(new SignalFrame.Stamp(42, -9007199254740993L));
  }

  @Test
  void leavesOtherFramesToTheJsonParser() {
    ByteBuf frame = ascii("{\"type\":\"welcome\",\"peerId\":\"x\",\"peers\":[]}");

    assertThat(SignalFrame.isRelayed(frame)).isFalse();
    assertThat(SignalFrame.stamp(frame)).isNull();
  }

  private static ByteBuf ascii(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
  }
}
