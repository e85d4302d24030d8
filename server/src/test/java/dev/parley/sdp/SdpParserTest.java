package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.Attribute.Extmap;
import dev.parley.sdp.Attribute.Rid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SdpParserTest {
  private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

  static List<Arguments> captured() {
    List<Arguments> all = new ArrayList<>();
    for (String browser : SdpFixtures.BROWSERS) {
      for (String scenario : SdpFixtures.SCENARIOS) {
        all.add(Arguments.of(browser, scenario));
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("captured")
  void aBrowsersOfferRoundTrips(String browser, String scenario) throws SdpParseException {
    SessionDescription offer = SdpFixtures.offer(browser, scenario);
    String written = SdpWriter.write(offer);

    assertThat(SdpParser.parse(written)).isEqualTo(offer);
    assertThat(written).endsWith("\r\n").doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
    assertThat(offer.media()).isNotEmpty();
    assertThat(offer.bundle()).hasSize(offer.media().size());
    assertThat(offer.media()).allSatisfy(m -> assertThat(m.mid()).isPresent());
    assertThat(offer.media().stream().flatMap(m -> m.attributes().stream()))
        .as("every attribute a browser sends is typed, but rtcp, rtcp-xr and fmtp-likes")
        .filteredOn(Attribute.Other.class::isInstance)
        .map(a -> ((Attribute.Other) a).name())
        .isSubsetOf("rtcp", "rtcp-xr");
  }

  @Test
  void simulcastAndExtensionDirectionsAreRead() throws SdpParseException {
    MediaSection video = SdpFixtures.offer("firefox", "audio-video-simulcast").media().get(1);

    assertThat(video.all(Rid.class))
        .extracting(Rid::id, Rid::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("q", Rid.RidDirection.SEND),
            org.assertj.core.groups.Tuple.tuple("h", Rid.RidDirection.SEND),
            org.assertj.core.groups.Tuple.tuple("f", Rid.RidDirection.SEND));
    assertThat(video.first(Attribute.Simulcast.class).orElseThrow())
        .isEqualTo(
            new Attribute.Simulcast(List.of(List.of("q"), List.of("h"), List.of("f")), List.of()));
    assertThat(video.all(Extmap.class))
        .contains(
            new Extmap(
                9, Direction.SENDONLY, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", null));
    assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
  }

  @Test
  void unknownAttributesAreKeptAsWritten() throws SdpParseException {
    SessionDescription sdp =
        SdpParser.parse(HEAD + "a=x-parley:  spaced value \r\na=flag-only\r\n");

    assertThat(sdp.attributes())
        .containsExactly(
            new Attribute.Other("x-parley", "  spaced value "),
            new Attribute.Other("flag-only", null));
    assertThat(SdpWriter.write(sdp)).endsWith("a=x-parley:  spaced value \r\na=flag-only\r\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "v=1                                  | 1 | line 1: the version is 0, not \"1\"",
        "o=- x 2 IN IP4 0.0.0.0               | 2 | line 2: sess-id is 1 to 32 digits: \"x\"",
        "a=rtpmap:200 opus/48000/2            | 5 | line 5: payload type 200 is outside 0..127",
        "a=rtpmap:111 opus                    | 5 | line 5: rtpmap is \"<pt> <name>/<clock>[/<channels>]\": \"111 opus\"",
        "a=ssrc:99999999999 cname:x           | 5 | line 5: ssrc 99999999999 is outside 0..4294967295",
        "a=extmap:0 urn:x                     | 5 | line 5: extmap id 0 is outside 1..255",
        "a=setup:both                         | 5 | line 5: setup is active, passive, actpass or holdconn, not \"both\"",
        "a=rid:q sideways                     | 5 | line 5: rid direction is send or recv: \"q sideways\"",
        "a=simulcast:send q;;f                | 5 | line 5: a rid is 1 to 32 letters, digits, - or _: \"\"",
        "a=candidate:1 1 udp 5 1.2.3.4 9 host | 5 | line 5: a candidate is \"<foundation> <component> <transport> <priority> <address> <port> typ <type> ...\": \"1 1 udp 5 1.2.3.4 9 host\"",
        "a=rtcp-mux:yes                       | 5 | line 5: a=rtcp-mux takes no value",
        "m=audio 70000 RTP/AVP 0              | 5 | line 5: port 70000 is outside 0..65535",
        "m=audio 9                            | 5 | line 5: m= is \"<media> <port> <proto> <fmt> ...\"",
        "x                                    | 5 | line 5: a line is <letter>=<text>, not \"x\"",
        "t=1 2                                | 5 | line 5: a second t= line: Parley takes one",
      })
  void malformedInputSaysWhereAndWhat(String line, int number, String message) {
    String text =
        line.startsWith("v=")
            ? line + "\r\n"
            : line.startsWith("o=") ? "v=0\r\n" + line + "\r\n" : HEAD + line + "\r\n";

    assertThatThrownBy(() -> SdpParser.parse(text))
        .isInstanceOf(SdpParseException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((SdpParseException) e).line()).isEqualTo(number));
  }

  @Test
  void aControlCharacterIsRefused() {
    assertThatThrownBy(() -> SdpParser.parse(HEAD + "a=mid:0\u0000\r\n"))
        .isInstanceOf(SdpParseException.class)
        .hasMessage("line 5: a control character (0) in the line");
  }

  @Test
  void aDescriptionOverTheSizeBoundIsRefusedWhole() {
    String big = HEAD + "a=x:" + "y".repeat(SdpParser.MAX_CHARS) + "\r\n";

    assertThatThrownBy(() -> SdpParser.parse(big))
        .isInstanceOf(SdpParseException.class)
        .hasMessage(
            "the description has "
                + big.length()
                + " characters, more than "
                + SdpParser.MAX_CHARS);
  }

  @Test
  void theLineBoundIsCrossedByOne() throws SdpParseException {
    int room = SdpParser.MAX_LINES - 4;
    SdpParser.parse(HEAD + "a=x\r\n".repeat(room));

    assertThatThrownBy(() -> SdpParser.parse(HEAD + "a=x\r\n".repeat(room + 1)))
        .isInstanceOf(SdpParseException.class)
        .hasMessage("the description has more than " + SdpParser.MAX_LINES + " lines");
  }

  @Test
  void theSectionBoundIsCrossedByOne() throws SdpParseException {
    String section = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    assertThat(SdpParser.parse(HEAD + section.repeat(SdpParser.MAX_SECTIONS)).media())
        .hasSize(SdpParser.MAX_SECTIONS);

    assertThatThrownBy(() -> SdpParser.parse(HEAD + section.repeat(SdpParser.MAX_SECTIONS + 1)))
        .isInstanceOf(SdpParseException.class)
        .hasMessage("line " + (5 + SdpParser.MAX_SECTIONS) + ": more than 128 media sections");
  }
}
