package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.rtp.RtpParseException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Vp8DescriptorTest {
  private final Vp8Descriptor descriptor = new Vp8Descriptor();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // what, payload, key frame, picture id, TL0PICIDX
    "key frame with 15-bit picture id and TL0PICIDX (Chrome's simulcast), 90c0a5a107 10 02009d012a, true, 9633, 7",
    "delta frame, 90c0a5a107 11 0200, false, 9633, 7",
    "continuation packet of a key frame, 80c0a5a107 0000, false, 9633, 7",
    "partition 1 start is no frame start, 91c0a5a107 1000, false, 9633, 7",
    "7-bit picture id, 9080 21 10, true, 33, -1",
    "no extension at all, 10 10 02, true, -1, -1",
    "T and K byte after TL0PICIDX, 90e0 8001 09 40 10, true, 1, 9",
  })
  void readsTheDescriptor(String what, String hex, boolean key, int pictureId, int tl0)
      throws RtpParseException {
    ByteBuf payload = buffer(hex);
    descriptor.parse(payload, 0, payload.readableBytes());
    assertThat(descriptor.keyFrame()).as(what).isEqualTo(key);
    assertThat(descriptor.pictureId()).isEqualTo(pictureId);
    assertThat(descriptor.tl0PicIdx()).isEqualTo(tl0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "empty, ''",
    "X without its byte, 90",
    "I without the picture id, 9080",
    "M without the picture id's second byte, 908080",
    "L without TL0PICIDX, 90c08001",
    "a frame start without the payload header, 90c0800107",
  })
  void refusesACutOffDescriptor(String what, String hex) {
    ByteBuf payload = buffer(hex);
    assertThatThrownBy(() -> descriptor.parse(payload, 0, payload.readableBytes()))
        .as(what)
        .isInstanceOf(RtpParseException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "15-bit, 90c0a5a107 10, 32767, 32767",
    "15-bit wraps, 90c0a5a107 10, 32768, 0",
    "7-bit keeps its form, 9080 21 10, 200, 72",
  })
  void rewritesThePictureIdInItsOwnForm(String what, String hex, int written, int read)
      throws RtpParseException {
    ByteBuf payload = buffer(hex);
    descriptor.parse(payload, 0, payload.readableBytes()).setPictureId(written);
    descriptor.setTl0PicIdx(3);
    descriptor.parse(payload, 0, payload.readableBytes());
    assertThat(descriptor.pictureId()).as(what).isEqualTo(read);
    assertThat(descriptor.keyFrame()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "IDR slice, 65 88, true",
    "SPS, 67 42, true",
    "non-IDR slice, 41 9a, false",
    "STAP-A with SPS and PPS, 18 0002 6742 0002 68ce, true",
    "STAP-A of SEI only, 18 0002 0601, false",
    "STAP-A with a size past its end, 18 0009 6742, false",
    "FU-A start of an IDR, 7c 85 88, true",
    "FU-A middle of an IDR, 7c 05 88, false",
    "FU-A cut off, 7c, false",
  })
  void findsH264KeyFrames(String what, String hex, boolean key) {
    ByteBuf payload = buffer(hex);
    assertThat(H264KeyFrames.startsKeyFrame(payload, 0, payload.readableBytes()))
        .as(what)
        .isEqualTo(key);
  }

  private static ByteBuf buffer(String hex) {
    return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
  }
}
