package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PublishAnswererTest {

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.parley.sdp.SdpParserTest#captured")
  void theAnswerToABrowsersOfferIsTheGoldenOne(String browser, String scenario)
      throws SdpParseException, NegotiationException, IOException {
    PublishSession session =
        PublishAnswerer.answer(
            SdpFixtures.offer(browser, scenario), SdpFixtures.LOCAL, AnswerPolicy.DEFAULT);
    String answer = SdpWriter.write(session.answer());

    assertThat(SdpParser.parse(answer)).isEqualTo(session.answer());
    Goldens.assertMatches(browser + "-" + scenario + ".answer.sdp", answer);
  }

  @Test
  void chromiumsSimulcastVideoIsReceivedInThreeLayersOfVp8WithRtx() throws Exception {
    PublishSession session =
        PublishAnswerer.answer(
            SdpFixtures.offer("chromium", "audio-video-simulcast"),
            SdpFixtures.LOCAL,
            AnswerPolicy.DEFAULT);

    PublishedTrack audio = session.tracks().get(0);
    PublishedTrack video = session.tracks().get(1);
    assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
    assertThat(audio.codec()).isEqualTo(Codec.OPUS);
    assertThat(audio.payloadType()).isEqualTo(111);
    assertThat(audio.rtxPayloadType()).isEqualTo(-1);
    assertThat(audio.ssrcs()).hasSize(1);
    assertThat(audio.extensionIds())
        .containsEntry(HeaderExtension.AUDIO_LEVEL, 1)
        .containsEntry(HeaderExtension.MID, 4);
    assertThat(video.codec()).isEqualTo(Codec.VP8);
    assertThat(video.payloadType()).isEqualTo(96);
    assertThat(video.rtxPayloadType()).isEqualTo(97);
    assertThat(video.clockRate()).isEqualTo(90000);
    assertThat(video.rids()).containsExactly("q", "h", "f");
    assertThat(video.ssrcs()).isEmpty();
    assertThat(video.stream()).isEqualTo(audio.stream()).isNotNull();
    assertThat(video.extensionIds())
        .containsOnlyKeys(
            HeaderExtension.ABS_SEND_TIME,
            HeaderExtension.TRANSPORT_CC,
            HeaderExtension.MID,
            HeaderExtension.RTP_STREAM_ID,
            HeaderExtension.REPAIRED_RTP_STREAM_ID);
    MediaSection answered = session.answer().media().get(1);
    assertThat(answered.direction()).isEqualTo(Attribute.Direction.RECVONLY);
    assertThat(answered.first(Attribute.Simulcast.class).orElseThrow().recv())
        .containsExactly(List.of("q"), List.of("h"), List.of("f"));
    assertThat(answered.first(Attribute.Setup.class).orElseThrow().role())
        .isEqualTo(Attribute.Setup.Role.PASSIVE);
    assertThat(session.answer().attributes()).contains(Attribute.Flag.ICE_LITE);
    assertThat(session.remote().iceUfrag()).isNotEmpty();
    assertThat(session.remote().fingerprint().hash()).isEqualTo("sha-256");
  }

  @Test
  void firefoxsSsrcsComeWithTheirRtxPairs() throws Exception {
    PublishedTrack video =
        PublishAnswerer.answer(
                SdpFixtures.offer("firefox", "video-only"), SdpFixtures.LOCAL, AnswerPolicy.DEFAULT)
            .tracks()
            .get(0);

    assertThat(video.payloadType()).isEqualTo(120);
    assertThat(video.rtxPayloadType()).isEqualTo(124);
    assertThat(video.ssrcs()).hasSize(1);
    assertThat(video.rtxSsrcs()).containsOnlyKeys(video.ssrcs());
    assertThat(video.rids()).isEmpty();
  }

  @Test
  void firefoxsBundleOnlyVideoUnderMaxBundleIsReceivedInThreeLayers() throws Exception {
    SessionDescription offer = SdpFixtures.offer("firefox", "audio-video-max-bundle");
    MediaSection offeredVideo = offer.media().get(1);
    assertThat(offeredVideo.port()).isZero();
    assertThat(offeredVideo.has(Attribute.Flag.BUNDLE_ONLY)).isTrue();

    PublishSession session = PublishAnswerer.answer(offer, SdpFixtures.LOCAL, AnswerPolicy.DEFAULT);

    assertThat(session.tracks())
        .extracting(PublishedTrack::kind)
        .containsExactly(MediaKind.AUDIO, MediaKind.VIDEO);
    assertThat(session.tracks().get(1).rids()).containsExactly("q", "h", "f");
    assertThat(session.answer().media()).extracting(MediaSection::port).containsExactly(9, 9);
    assertThat(session.answer().bundle()).containsExactly("0", "1");
  }

  @Test
  void aSectionAtPortZeroWithoutBundleOnlyIsStillRejected() throws Exception {
    String rejected =
        SdpFixtures.text("firefox-audio-video-max-bundle.offer.sdp")
            .replace("a=bundle-only\r\n", "");

    PublishSession session =
        PublishAnswerer.answer(SdpParser.parse(rejected), SdpFixtures.LOCAL, AnswerPolicy.DEFAULT);

    assertThat(session.tracks()).extracting(PublishedTrack::kind).containsExactly(MediaKind.AUDIO);
    assertThat(session.answer().media()).extracting(MediaSection::port).containsExactly(9, 0);
  }

  @Test
  void theDataChannelIsRejectedAndTheRestAccepted() throws Exception {
    PublishSession session =
        PublishAnswerer.answer(
            SdpFixtures.offer("chromium", "data-channel"), SdpFixtures.LOCAL, AnswerPolicy.DEFAULT);

    MediaSection data = session.answer().media().get(2);
    assertThat(data.kind()).isEqualTo("application");
    assertThat(data.port()).isZero();
    assertThat(data.mid()).contains("2");
    assertThat(session.answer().bundle()).containsExactly("0", "1");
    assertThat(session.tracks()).hasSize(2);
  }

  @Test
  void h264IsTakenWhenThePolicyPrefersItAndTheProfileIsOneBothBrowsersDecode() throws Exception {
    AnswerPolicy h264 = new AnswerPolicy(8, List.of(Codec.H264, Codec.OPUS));

    PublishedTrack chromium =
        PublishAnswerer.answer(SdpFixtures.offer("chromium", "video-only"), SdpFixtures.LOCAL, h264)
            .tracks()
            .get(0);
    assertThat(chromium.codec()).isEqualTo(Codec.H264);
    assertThat(chromium.payloadType()).isEqualTo(108);
    assertThat(chromium.rtxPayloadType()).isEqualTo(109);

    PublishSession firefox =
        PublishAnswerer.answer(
            SdpFixtures.offer("firefox", "audio-video-simulcast"), SdpFixtures.LOCAL, h264);
    assertThat(firefox.tracks()).extracting(PublishedTrack::kind).containsExactly(MediaKind.AUDIO);
    assertThat(firefox.answer().media().get(1).port()).as("no H.264 in this Firefox").isZero();
  }

  @Test
  void tracksPastThePolicysLimitAreRejected() throws Exception {
    PublishSession session =
        PublishAnswerer.answer(
            SdpFixtures.offer("firefox", "audio-video-simulcast"),
            SdpFixtures.LOCAL,
            new AnswerPolicy(1, AnswerPolicy.DEFAULT.codecs()));

    assertThat(session.tracks()).hasSize(1);
    assertThat(session.answer().media()).extracting(MediaSection::port).containsExactly(9, 0);
  }

  @Test
  void anOfferThatWouldMakeTheSfuTheDtlsClientFailsWhole() throws Exception {
    String passive =
        SdpFixtures.text("chromium-audio-only.offer.sdp")
            .replace("a=setup:actpass", "a=setup:passive");

    assertThatThrownBy(
            () ->
                PublishAnswerer.answer(
                    SdpParser.parse(passive), SdpFixtures.LOCAL, AnswerPolicy.DEFAULT))
        .isInstanceOf(NegotiationException.class)
        .hasMessage("a=setup:passive would make the SFU the DTLS client; it is always the server");
  }

  @Test
  void anOfferWithNothingToReceiveFailsWhole() throws Exception {
    String dataOnly =
        "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:0\r\n";

    assertThatThrownBy(
            () ->
                PublishAnswerer.answer(
                    SdpParser.parse(dataOnly), SdpFixtures.LOCAL, AnswerPolicy.DEFAULT))
        .isInstanceOf(NegotiationException.class)
        .hasMessage("the offer has no audio or video the SFU can receive");
  }
}
