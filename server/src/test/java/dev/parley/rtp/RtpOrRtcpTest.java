package dev.parley.rtp;

import static dev.parley.rtp.RtpPacketTest.buffer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpOrRtcpTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Opus payload type 111, 806f0001, RTP",
    "VP8 with marker 96, 80e00001, RTP",
    "payload type 63 with marker, 80bf0001, RTP",
    "payload type 96 with marker, 80e00001, RTP",
    "sender report 200, 80c80006, RTCP",
    "first RTCP type 192, 80c00001, RTCP",
    "last RTCP type 223, 80df0001, RTCP",
    "one byte, 80, RTP",
  })
  void theSecondByteTellsThemApart(String why, String hex, RtpOrRtcp expected) {
    assertThat(RtpOrRtcp.of(buffer(hex))).isEqualTo(expected);
  }
}
