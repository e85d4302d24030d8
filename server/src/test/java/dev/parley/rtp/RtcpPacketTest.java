package dev.parley.rtp;

import static dev.parley.rtp.RtpPacketTest.buffer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.rtp.TransportFeedback.RunLength;
import dev.parley.rtp.TransportFeedback.StatusVector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtcpPacketTest {
  private static final ReportBlock BLOCK =
      new ReportBlock(0x11223344, 25, -3, 0x0001_0203L, 90, 0xaabbccddL, 65536);
  private static final String BLOCK_HEX = "11223344 19fffffd 00010203 0000005a aabbccdd 00010000";

  @Test
  void readsASenderReportWithSdesAsChromeSendsThem() throws RtpParseException {
    List<RtcpPacket> compound =
        RtcpPacket.parseCompound(
            buffer(
                "81c8000c deadbeef e8a1b2c3 d4e5f607 00015f90 00000064 00003e80 "
                    + BLOCK_HEX
                    + " 81ca0004 deadbeef 01083132 33343536 37380000"));
    assertThat(compound)
        .containsExactly(
            new SenderReport(0xdeadbeef, 0xe8a1b2c3d4e5f607L, 90000, 100, 16000, List.of(BLOCK)),
            new SourceDescription(
                List.of(
                    new SourceDescription.Chunk(
                        0xdeadbeef,
                        List.of(
                            SourceDescription.Item.text(SourceDescription.CNAME, "12345678"))))));
    assertThat(((SourceDescription) compound.get(1)).chunks().get(0).items().get(0).text())
        .isEqualTo("12345678");
  }

  @Test
  void aSenderReportWithoutReportBlocksRoundTrips() throws RtpParseException {
    // Found by the fuzzer: the sender info was taken for 4 bytes longer than it is.
    SenderReport report = new SenderReport(7, 1L << 32, 3, 2, 1, List.of());
    assertThat(written(report))
        .isEqualTo(hex("80c80006 00000007 00000001 00000000 00000003 00000002 00000001"));
    assertThat(parseOne(written(report))).isEqualTo(report);
  }

  @Test
  void readsAReceiverReportWithAPictureLossIndication() throws RtpParseException {
    assertThat(
            RtcpPacket.parseCompound(
                buffer("81c90007 00000001 " + BLOCK_HEX + " 81ce0002 00000001 11223344")))
        .containsExactly(
            new ReceiverReport(1, List.of(BLOCK)), new PictureLossIndication(1, 0x11223344));
  }

  @Test
  void readsChromesRemb() throws RtpParseException {
    // pion/rtcp's receiver_estimated_maximum_bitrate_test.go: Chrome watching a 6 Mbit/s stream.
    String chrome = "8fce0005 00000001 00000000 52454d42 011a20df 4874ed16";
    Remb remb = new Remb(1, 8_927_168, List.of(1215622422));
    assertThat(RtcpPacket.parseCompound(buffer(chrome))).containsExactly(remb);
    assertThat(written(remb)).isEqualTo(hex(chrome));
  }

  @Test
  void aRembBitrateIsRoundedDownToEighteenBitsAndAHugeOneIsCapped() throws RtpParseException {
    assertThat(parseOne(written(new Remb(1, 8_927_167, List.of()))))
        .isEqualTo(new Remb(1, 8_927_104, List.of()));
    RtcpPacket huge = parseOne("8fce0004 00000000 00000000 52454d42 00ffffff");
    assertThat(((Remb) huge).bitrate()).isPositive();
    assertThat(parseOne(written(huge))).isEqualTo(huge);
  }

  @Test
  void aNackNamesItsLostPacketsAcrossAWrap() throws RtpParseException {
    GenericNack nack = GenericNack.of(1, 2, List.of(65534, 65535, 2, 40));
    assertThat(nack.items())
        .containsExactly(new GenericNack.Item(65534, 0b1001), new GenericNack.Item(40, 0));
    assertThat(written(nack)).isEqualTo(hex("81cd0004 00000001 00000002 fffe0009 00280000"));
    assertThat(parseOne(written(nack))).isEqualTo(nack);
    assertThat(nack.lostSequenceNumbers()).containsExactly(65534, 65535, 2, 40);
  }

  @Test
  void readsAFullIntraRequestAndAGoodbye() throws RtpParseException {
    assertThat(
            RtcpPacket.parseCompound(
                buffer(
                    "84ce0004 00000001 00000000 11223344 07000000"
                        + " 82cb0004 00000001 00000002 05627965 21210000")))
        .containsExactly(
            new FullIntraRequest(1, List.of(new FullIntraRequest.Entry(0x11223344, 7))),
            Goodbye.of(List.of(1, 2), "bye!!"));
  }

  /** pion/rtcp transport_layer_cc_test.go "example1": one packet, a small delta, RTCP padding. */
  @Test
  void readsTransportFeedbackWithOnePacket() throws RtpParseException {
    TransportFeedback feedback =
        new TransportFeedback(
            0xfa17fa17,
            0x43032fa0,
            153,
            1,
            4057090,
            23,
            List.of(new RunLength(TransportFeedback.SMALL_DELTA, 1)),
            List.of(148));
    assertThat(parseOne("afcd0005 fa17fa17 43032fa0 00990001 3de80217 20019401"))
        .isEqualTo(feedback);
    assertThat(written(feedback))
        .isEqualTo(hex("8fcd0005 fa17fa17 43032fa0 00990001 3de80217 20019400"));
  }

  /**
   * pion's "example3": run lengths of large then small deltas, the P bit set with a last byte of 0
   * (read as no padding, as libwebrtc sends it).
   */
  @Test
  void readsTransportFeedbackWithLargeDeltas() throws RtpParseException {
    String wire = "afcd0007 fa17fa17 193dd8bb 01740006 45b15a40 40022004 1ffe1f9a d000d000";
    TransportFeedback feedback =
        new TransportFeedback(
            0xfa17fa17,
            0x193dd8bb,
            372,
            6,
            4567386,
            64,
            List.of(
                new RunLength(TransportFeedback.LARGE_DELTA, 2),
                new RunLength(TransportFeedback.SMALL_DELTA, 4)),
            List.of(8190, 8090, 208, 0, 208, 0));
    assertThat(parseOne(wire)).isEqualTo(feedback);
    assertThat(written(feedback)).isEqualTo(hex(wire).replaceFirst("^af", "8f"));
  }

  /** pion's "example4": seven small deltas, three bytes of RTCP padding. */
  @Test
  void readsTransportFeedbackWithARunOfSmallDeltas() throws RtpParseException {
    TransportFeedback feedback =
        (TransportFeedback)
            parseOne("afcd0007 fa17fa17 193dd8bb 00040007 10636e01 20074c24 24100c0c 10000003");
    assertThat(feedback.baseSequence()).isEqualTo(4);
    assertThat(feedback.referenceTime()).isEqualTo(1074030);
    assertThat(feedback.chunks()).containsExactly(new RunLength(TransportFeedback.SMALL_DELTA, 7));
    assertThat(feedback.deltas()).containsExactly(76, 36, 36, 16, 12, 12, 16);
  }

  @Test
  void statusVectorsOfBothSymbolSizesRoundTrip() throws RtpParseException {
    // Draft section 3.1.4's two examples: 0x9f1c (one-bit) and 0xcd50 (two-bit, symbol 3 replaced
    // by 2 as the draft reserves 3).
    StatusVector oneBit =
        new StatusVector(false, List.of(0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0));
    StatusVector twoBit = new StatusVector(true, List.of(0, 2, 1, 1, 1, 0, 0));
    TransportFeedback feedback =
        new TransportFeedback(
            1,
            2,
            65530,
            21,
            -1,
            255,
            List.of(oneBit, twoBit),
            List.of(1, 2, 3, 4, 5, 6, 7, 8, -300, 10, 11, 12));
    String wire = written(feedback);
    assertThat(wire).contains("9f1c" + "c950");
    assertThat(parseOne(wire)).isEqualTo(feedback);
  }

  @Test
  void unknownTypesAndFormatsAreKeptWhole() throws RtpParseException {
    // XR (207) and an RTPFB format 3 (TMMBR), then an RR: the compound is read whole.
    String wire = "80cf0002 00000001 0102 0304 83cd0001 00000005 80c90001 00000001";
    List<RtcpPacket> compound = RtcpPacket.parseCompound(buffer(wire));
    assertThat(compound)
        .containsExactly(
            new OpaqueRtcp(207, 0, ByteBuffer.wrap(RtpPacketTest.bytes("00000001 01020304"))),
            new OpaqueRtcp(205, 3, ByteBuffer.wrap(RtpPacketTest.bytes("00000005"))),
            new ReceiverReport(1, List.of()));
    ByteBuf out = Unpooled.buffer();
    RtcpPacket.writeCompound(compound, out);
    assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex(wire));
  }

  @Test
  void anOpaqueBodyOfAnyLengthReadsBackUnchanged() throws RtpParseException {
    OpaqueRtcp app = new OpaqueRtcp(204, 2, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
    assertThat(parseOne(written(app))).isEqualTo(app);
  }

  @Test
  void recordsRefuseWhatTheWireCannotCarry() {
    assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new TransportFeedback(1, 2, 0, 2, 0, 0, List.of(new RunLength(1, 2)), List.of(1)))
        .hasMessageContaining("fewer receive deltas");
    assertThatThrownBy(
            () ->
                new TransportFeedback(1, 2, 0, 1, 0, 0, List.of(new RunLength(1, 1)), List.of(256)))
        .hasMessageContaining("does not fit");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "empty, ''",
    "header cut off, 81c9",
    "version 1, 41c90001 00000001",
    "length past the end, 81c90007 00000001",
    "padding past the body, a0c90001 00000009",
    "report block cut off, 81c90002 00000001 11223344",
    "sender info cut off, 80c80002 00000001 00000000",
    "SDES item past the end, 81ca0002 00000001 0109aabb",
    "SDES chunk without end, 81ca0002 00000001 0101aa01",
    "BYE SSRCs past the end, 82cb0001 00000001",
    "BYE reason past the end, 81cb0002 00000001 0561626300",
    "PLI without SSRCs, 81ce0001 00000001",
    "REMB SSRCs past the end, 8fce0004 00000001 00000000 52454d42 011a20df",
    "transport-cc chunks past the end, 8fcd0004 00000001 00000002 00010010 00000000",
    "transport-cc deltas past the end, 8fcd0005 00000001 00000002 00010002 00000000 40020100",
    "transport-cc reserved symbol, 8fcd0005 00000001 00000002 00010001 00000000 60010000",
    "a second packet cut off, 80c90001 00000001 80c9",
  })
  void malformedCompoundsAreRejected(String why, String hex) {
    assertThatThrownBy(() -> RtcpPacket.parseCompound(buffer(hex)))
        .isInstanceOf(RtpParseException.class);
  }

  private static RtcpPacket parseOne(String hex) throws RtpParseException {
    List<RtcpPacket> compound = RtcpPacket.parseCompound(buffer(hex));
    assertThat(compound).hasSize(1);
    return compound.get(0);
  }

  private static String written(RtcpPacket packet) {
    ByteBuf out = Unpooled.buffer();
    packet.write(out);
    return ByteBufUtil.hexDump(out);
  }

  private static String hex(String spaced) {
    return spaced.replaceAll("\\s", "");
  }
}
