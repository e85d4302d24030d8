package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpPacketTest {
  /**
   * An Opus packet as Chrome sends it: audio level (id 1, voice, -42 dBov), abs-send-time (id 2),
   * transport-cc (id 3, sequence 42), mid "0" (id 4), one padding byte, then the Opus frame.
   */
  private static final String CHROME_OPUS =
      "906f1234 00000960 deadbeef bede0003 10aa2212 34563100 2a403000 fcfffe";

  /** RFC 8285 section 4.2's one-byte example: ids 1, 2 and 3 with 1, 2 and 4 bytes, 2 pads. */
  private static final String RFC8285_ONE_BYTE =
      "90000001 00000002 00000003 bede0003 10aa 21bbbb 0000 33cccccccc 00ee";

  /** RFC 8285 section 4.3's two-byte example: id 1 empty, id 2 one byte, a pad, id 3 four. */
  private static final String RFC8285_TWO_BYTE =
      "90000001 00000002 00000003 10000003 0100 0201bb 00 0304cccccccc ee";

  private final RtpPacket packet = new RtpPacket();

  @Test
  void readsChromesOpusPacket() throws RtpParseException {
    packet.wrap(buffer(CHROME_OPUS));
    assertThat(packet.payloadType()).isEqualTo(111);
    assertThat(packet.marker()).isFalse();
    assertThat(packet.sequenceNumber()).isEqualTo(0x1234);
    assertThat(packet.timestamp()).isEqualTo(2400);
    assertThat(packet.ssrc()).isEqualTo(0xdeadbeef);
    assertThat(packet.audioLevel(1)).isEqualTo(42);
    assertThat(packet.voiceActivity(1)).isTrue();
    assertThat(packet.absSendTime(2)).isEqualTo(0x123456);
    assertThat(packet.transportSequence(3)).isEqualTo(42);
    assertThat(packet.text(4)).isEqualTo("0");
    assertThat(packet.textEquals(4, "0".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(packet.textEquals(4, "1".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(packet.payloadOffset()).isEqualTo(28);
    assertThat(packet.payloadLength()).isEqualTo(3);
    assertThat(packet.paddingLength()).isZero();
  }

  @Test
  void anAbsentOrMisSizedExtensionReadsAsMissing() throws RtpParseException {
    packet.wrap(buffer(CHROME_OPUS));
    assertThat(packet.extensionIndex(5)).isEqualTo(-1);
    assertThat(packet.text(5)).isNull();
    assertThat(packet.absSendTime(3))
        .as("transport-cc's 2 bytes are no abs-send-time")
        .isEqualTo(-1);
    assertThat(packet.setAbsSendTime(5, 1)).isFalse();
    assertThat(packet.audioLevel(2)).isEqualTo(-1);
    assertThat(packet.voiceActivity(2)).isFalse();
  }

  @Test
  void readsRfc8285sOneByteExample() throws RtpParseException {
    packet.wrap(buffer(RFC8285_ONE_BYTE));
    assertThat(packet.extensionLength(1)).isEqualTo(1);
    assertThat(packet.extensionLength(2)).isEqualTo(2);
    assertThat(packet.extensionLength(3)).isEqualTo(4);
    assertThat(hexAt(packet.extensionIndex(3), 4)).isEqualTo("cccccccc");
    assertThat(packet.payloadOffset()).isEqualTo(28);
    assertThat(packet.payloadLength()).isEqualTo(2);
  }

  @Test
  void readsRfc8285sTwoByteExample() throws RtpParseException {
    packet.wrap(buffer(RFC8285_TWO_BYTE));
    assertThat(packet.extensionLength(1)).isZero();
    assertThat(packet.extensionLength(2)).isEqualTo(1);
    assertThat(packet.extensionLength(3)).isEqualTo(4);
    assertThat(hexAt(packet.extensionIndex(3), 4)).isEqualTo("cccccccc");
    assertThat(packet.payloadLength()).isEqualTo(1);
  }

  @Test
  void idFifteenEndsTheOneByteElements() throws RtpParseException {
    // RFC 8285 section 4.2: after id 15 nothing is read, not even its length (here 16 bytes).
    packet.wrap(buffer("90000001 00000002 00000003 bede0001 10aaff10"));
    assertThat(packet.audioLevel(1)).isEqualTo(42);
    packet.wrap(buffer("90000001 00000002 00000003 bede0001 f01110aa"));
    assertThat(packet.extensionIndex(1)).isEqualTo(-1);
  }

  @Test
  void aTwoByteExtensionCarriesARidOfAnyLength() throws RtpParseException {
    packet.wrap(buffer("90600001 00000002 00000003 10000002 0a026869 0b01 7100 beef"));
    assertThat(packet.text(10)).isEqualTo("hi");
    assertThat(packet.text(11)).isEqualTo("q");
    assertThat(packet.payloadLength()).isEqualTo(2);
  }

  @Test
  void remapsExtensionIdsInPlaceAndBlanksTheUnmapped() throws RtpParseException {
    byte[] ids = new byte[16];
    ids[1] = 5; // audio level: the receiver's id 5
    ids[3] = 7; // transport-cc: 7; abs-send-time (2) and mid (4) are not for this receiver
    packet.wrap(buffer(CHROME_OPUS)).remapExtensions(ids);
    assertThat(packet.audioLevel(5)).isEqualTo(42);
    assertThat(packet.transportSequence(7)).isEqualTo(42);
    assertThat(packet.extensionIndex(1)).isEqualTo(-1);
    assertThat(packet.extensionIndex(2)).isEqualTo(-1);
    assertThat(packet.extensionIndex(4)).isEqualTo(-1);
    packet.wrap(packet.buffer());
    assertThat(packet.payloadOffset()).as("nothing moved").isEqualTo(28);
    assertThat(packet.transportSequence(7)).isEqualTo(42);
  }

  @Test
  void remapsTwoByteIdsAndRefusesOneByteIdsPastFourteen() throws RtpParseException {
    byte[] ids = new byte[16];
    ids[2] = (byte) 200;
    ids[3] = 15;
    packet.wrap(buffer(RFC8285_TWO_BYTE)).remapExtensions(ids);
    assertThat(packet.extensionLength(200)).isEqualTo(1);
    assertThat(packet.extensionIndex(3)).isEqualTo(-1);
    packet.wrap(buffer(RFC8285_ONE_BYTE)).remapExtensions(ids);
    assertThat(packet.extensionIndex(3)).as("15 ends one-byte elements").isEqualTo(-1);
    assertThat(packet.extensionIndex(15)).isEqualTo(-1);
  }

  @Test
  void readsCsrcsAndPadding() throws RtpParseException {
    packet.wrap(buffer("a2e00001 00000002 00000003 00000011 00000022 cafe 000003"));
    assertThat(packet.csrcCount()).isEqualTo(2);
    assertThat(packet.csrc(1)).isEqualTo(0x22);
    assertThat(packet.marker()).isTrue();
    assertThat(packet.payloadType()).isEqualTo(96);
    assertThat(packet.paddingLength()).isEqualTo(3);
    assertThat(packet.payloadOffset()).isEqualTo(20);
    assertThat(packet.payloadLength()).isEqualTo(2);
  }

  @Test
  void anExtensionOfAnotherProfileHasNoElements() throws RtpParseException {
    packet.wrap(buffer("90000001 00000002 00000003 abcd0001 10aa0000 ff"));
    assertThat(packet.hasExtensionBlock()).isTrue();
    assertThat(packet.extensionIndex(1)).isEqualTo(-1);
    assertThat(packet.payloadOffset()).isEqualTo(20);
  }

  @Test
  void rewritesHeaderFieldsAndExtensionsInPlace() throws RtpParseException {
    ByteBuf bytes = buffer(CHROME_OPUS);
    packet.wrap(bytes);
    packet.setSsrc(0x01020304);
    packet.setSequenceNumber(0x1_ffff);
    packet.setTimestamp(0x1_2345_6789L);
    packet.setMarker(true);
    packet.setPayloadType(100);
    assertThat(packet.setAbsSendTime(2, 0xabcdef)).isTrue();
    assertThat(packet.setTransportSequence(3, 0x10001)).isTrue();

    assertThat(HexFormat.of().formatHex(bytes.array()))
        .isEqualTo(hex("90e4ffff 23456789 01020304 bede0003 10aa22ab cdef3100 01403000 fcfffe"));
    packet.wrap(bytes);
    assertThat(packet.marker()).isTrue();
    assertThat(packet.payloadType()).isEqualTo(100);
    assertThat(packet.transportSequence(3)).isEqualTo(1);
  }

  @Test
  void aPayloadTypeBeyondSevenBitsIsRefused() throws RtpParseException {
    packet.wrap(buffer(CHROME_OPUS));
    assertThatThrownBy(() -> packet.setPayloadType(128))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void viewsAPacketInsideALargerBuffer() throws RtpParseException {
    ByteBuf bytes = buffer("ffff " + CHROME_OPUS + " eeee");
    packet.wrap(bytes, 2, bytes.capacity() - 4);
    assertThat(packet.ssrc()).isEqualTo(0xdeadbeef);
    assertThat(packet.payloadLength()).isEqualTo(3);
    assertThat(packet.transportSequence(3)).isEqualTo(42);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "shorter than the fixed header, 80000001 00000002 000000",
    "version 1, 40000001 00000002 00000003",
    "version 0, 00000001 00000002 00000003",
    "CSRCs past the end, 83000001 00000002 00000003 00000011",
    "extension header cut off, 90000001 00000002 00000003 bede",
    "extension longer than the packet, 90000001 00000002 00000003 bede0002 10aa0000",
    "one-byte element past its block, 90000001 00000002 00000003 bede0001 10aa23bb",
    "two-byte element past its block, 90000001 00000002 00000003 10000001 0105aabb",
    "two-byte element header past its block, 90000001 00000002 00000003 10000001 000000 01",
    "padding count zero, a0000001 00000002 00000003 cafe00",
    "padding longer than the payload, a0000001 00000002 00000003 cafe04",
    "padding into the header, b0000001 00000002 00000003 bede0001 10aa0000 05",
  })
  void malformedPacketsAreRejected(String why, String hex) {
    assertThatThrownBy(() -> packet.wrap(buffer(hex))).isInstanceOf(RtpParseException.class);
    assertThat(packet.buffer()).as("a rejected packet leaves no view").isNull();
  }

  private String hexAt(int index, int length) {
    return io.netty.buffer.ByteBufUtil.hexDump(packet.buffer(), index, length);
  }

  static ByteBuf buffer(String hex) {
    return Unpooled.wrappedBuffer(bytes(hex));
  }

  /** Test vectors as readable hex: whitespace is ignored. */
  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex(hex));
  }

  private static String hex(String spaced) {
    return spaced.replaceAll("\\s", "");
  }
}
