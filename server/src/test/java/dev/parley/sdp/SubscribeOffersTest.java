package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.Attribute.Msid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribeOffersTest {

  /** Alice publishes from Chromium and Bob from Firefox, both audio and simulcast video. */
  static List<ForwardedTrack> aliceAndBob() throws Exception {
    List<ForwardedTrack> tracks = new ArrayList<>();
    tracks.addAll(
        SdpFixtures.forwarded("alice", published("chromium", "audio-video-simulcast"), 1000));
    tracks.addAll(
        SdpFixtures.forwarded("bob", published("firefox", "audio-video-simulcast"), 2000));
    return tracks;
  }

  static List<PublishedTrack> published(String browser, String scenario) throws Exception {
    return PublishAnswerer.answer(
            SdpFixtures.offer(browser, scenario), SdpFixtures.LOCAL, AnswerPolicy.DEFAULT)
        .tracks();
  }

  @Test
  void theFirstOfferIsTheGoldenOne() throws Exception {
    SessionDescription offer = SubscribeOffers.offer(aliceAndBob(), SdpFixtures.LOCAL, null);
    String text = SdpWriter.write(offer);

    assertThat(SdpParser.parse(text)).isEqualTo(offer);
    Goldens.assertMatches("subscribe.offer.sdp", text);
    assertThat(offer.media()).extracting(MediaSection::direction).containsOnly(Direction.SENDONLY);
    assertThat(offer.bundle()).containsExactly("0", "1", "2", "3");
    MediaSection bobsVideo = offer.media().get(3);
    assertThat(bobsVideo.formats()).containsExactly("96", "97");
    assertThat(bobsVideo.first(Msid.class).orElseThrow().stream()).isEqualTo("bob");
    assertThat(bobsVideo.all(Attribute.SsrcGroup.class))
        .containsExactly(new Attribute.SsrcGroup("FID", List.of(2002L, 2003L)));
    assertThat(bobsVideo.first(Attribute.Setup.class).orElseThrow().role())
        .isEqualTo(Attribute.Setup.Role.ACTPASS);
  }

  @Test
  void aTrackGoneLeavesItsSectionInactiveAndANewOneOfItsKindTakesItOverWithANewMid()
      throws Exception {
    List<ForwardedTrack> tracks = aliceAndBob();
    SessionDescription first = SubscribeOffers.offer(tracks, SdpFixtures.LOCAL, null);

    List<ForwardedTrack> withoutAlicesAudio = tracks.subList(1, tracks.size());
    SessionDescription second = SubscribeOffers.offer(withoutAlicesAudio, SdpFixtures.LOCAL, first);
    assertThat(second.origin().version()).isEqualTo(first.origin().version() + 1);
    assertThat(second.origin().sessionId()).isEqualTo(first.origin().sessionId());
    assertThat(second.media().get(0).port()).isZero();
    assertThat(second.media().get(0).mid()).contains("0");
    assertThat(second.media().get(0).direction()).isEqualTo(Direction.INACTIVE);
    assertThat(second.media().subList(1, 4)).isEqualTo(first.media().subList(1, 4));
    assertThat(second.bundle()).containsExactly("1", "2", "3");

    List<ForwardedTrack> withCarol = new ArrayList<>(withoutAlicesAudio);
    withCarol.addAll(SdpFixtures.forwarded("carol", published("firefox", "audio-only"), 3000));
    withCarol.addAll(SdpFixtures.forwarded("dave", published("chromium", "audio-only"), 4000));
    SessionDescription third = SubscribeOffers.offer(withCarol, SdpFixtures.LOCAL, second);
    assertThat(third.media()).hasSize(5);
    assertThat(third.media().get(0).mid()).as("recycled with a new mid").contains("4");
    assertThat(third.media().get(0).first(Msid.class).orElseThrow().stream()).isEqualTo("carol");
    assertThat(third.media().get(4).mid()).contains("5");
    assertThat(third.bundle()).containsExactly("4", "1", "2", "3", "5");
    Goldens.assertMatches("subscribe-renegotiated.offer.sdp", SdpWriter.write(third));
  }

  @Test
  void whenEveryTrackGoesOneSectionStaysOpenAndIdleSoTheBundleAndItsTransportStay()
      throws Exception {
    List<ForwardedTrack> tracks = aliceAndBob();
    SessionDescription first = SubscribeOffers.offer(tracks, SdpFixtures.LOCAL, null);

    SessionDescription empty = SubscribeOffers.offer(List.of(), SdpFixtures.LOCAL, first);
    assertThat(empty.media().get(0).port()).isNotZero();
    assertThat(empty.media().get(0).direction()).isEqualTo(Direction.INACTIVE);
    assertThat(empty.media().get(0).first(Msid.class)).isEmpty();
    assertThat(empty.media().get(0).all(Attribute.Ssrc.class)).isEmpty();
    assertThat(empty.media().subList(1, 4)).extracting(MediaSection::port).containsOnly(0);
    assertThat(empty.bundle()).containsExactly("0");
    assertThat(SdpParser.parse(SdpWriter.write(empty))).isEqualTo(empty);

    SessionDescription stillEmpty = SubscribeOffers.offer(List.of(), SdpFixtures.LOCAL, empty);
    assertThat(stillEmpty.bundle()).containsExactly("0");
    SessionDescription again =
        SubscribeOffers.offer(tracks.subList(0, 1), SdpFixtures.LOCAL, empty);
    assertThat(again.media().get(0).port()).as("the idle section closes").isZero();
    assertThat(again.bundle()).hasSize(1).doesNotContain("0");
  }

  @Test
  void aTrackIdIsForwardedOnce() throws Exception {
    List<ForwardedTrack> twice = new ArrayList<>(aliceAndBob());
    twice.add(twice.get(0));

    assertThatThrownBy(() -> SubscribeOffers.offer(twice, SdpFixtures.LOCAL, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two forwarded tracks have the id " + twice.get(0).track());
  }

  @Test
  void chromiumsAndFirefoxsAnswersAreReadBack() throws Exception {
    SessionDescription offer = SdpParser.parse(SdpFixtures.text("subscribe.offer.sdp"));
    assertThat(offer).isEqualTo(SubscribeOffers.offer(aliceAndBob(), SdpFixtures.LOCAL, null));

    SubscribeAnswer chromium =
        SubscribeAnswer.read(
            offer, SdpParser.parse(SdpFixtures.text("chromium-subscribe.answer.sdp")));
    SubscribeAnswer firefox =
        SubscribeAnswer.read(
            offer, SdpParser.parse(SdpFixtures.text("firefox-subscribe.answer.sdp")));

    assertThat(chromium.acceptedMids()).containsExactly("0", "1", "2", "3");
    assertThat(firefox.acceptedMids()).containsExactly("0", "1", "2", "3");
    assertThat(chromium.remote().fingerprint().hash()).isEqualTo("sha-256");
    assertThat(firefox.remote().iceUfrag()).isNotEmpty();
    assertThat(chromium.extensions().get("0"))
        .containsExactlyInAnyOrder(
            HeaderExtension.AUDIO_LEVEL,
            HeaderExtension.ABS_SEND_TIME,
            HeaderExtension.TRANSPORT_CC,
            HeaderExtension.MID);
    assertThat(firefox.extensions().get("0"))
        .as("Firefox keeps no abs-send-time on audio")
        .containsExactlyInAnyOrder(
            HeaderExtension.AUDIO_LEVEL, HeaderExtension.TRANSPORT_CC, HeaderExtension.MID);
    assertThat(firefox.extensions().get("1"))
        .containsExactlyInAnyOrder(
            HeaderExtension.ABS_SEND_TIME, HeaderExtension.TRANSPORT_CC, HeaderExtension.MID);
  }

  @Test
  void bundleOnlySectionsAtPortZeroAreAcceptedAndPlainPortZeroOnesRejected() throws Exception {
    SessionDescription offer = SdpParser.parse(SdpFixtures.text("subscribe.offer.sdp"));
    // The answerer's form of RFC 8843 §7.3.1: the videos bundled at port 0 with a=bundle-only.
    String portZero =
        SdpFixtures.text("firefox-subscribe.answer.sdp").replace("m=video 9 ", "m=video 0 ");
    String bundleOnly =
        portZero
            .replace("a=mid:1\r\n", "a=mid:1\r\na=bundle-only\r\n")
            .replace("a=mid:3\r\n", "a=mid:3\r\na=bundle-only\r\n");

    assertThat(SubscribeAnswer.read(offer, SdpParser.parse(bundleOnly)).acceptedMids())
        .containsExactly("0", "1", "2", "3");
    assertThat(SubscribeAnswer.read(offer, SdpParser.parse(portZero)).acceptedMids())
        .containsExactly("0", "2");
  }

  @Test
  void anAnswerIsReadBackWithTheSectionsItRejected() throws Exception {
    SessionDescription offer = SubscribeOffers.offer(aliceAndBob(), SdpFixtures.LOCAL, null);
    String answer =
        SdpWriter.write(offer)
            .replace("a=ice-ufrag:sfuUfrag1", "a=ice-ufrag:browser")
            .replace("a=setup:actpass", "a=setup:active")
            .replace("a=sendonly", "a=recvonly")
            .replace("a=ice-lite\r\n", "");
    SubscribeAnswer read = SubscribeAnswer.read(offer, SdpParser.parse(answer));
    assertThat(read.acceptedMids()).containsExactly("0", "1", "2", "3");
    assertThat(read.remote().iceUfrag()).isEqualTo("browser");
    SessionDescription parsed = SdpParser.parse(answer);
    List<MediaSection> media = new ArrayList<>(parsed.media());
    MediaSection bobsVideo = media.get(3);
    media.set(
        3,
        new MediaSection(
            "video", 0, bobsVideo.protocol(), bobsVideo.formats(), bobsVideo.lines(), List.of()));
    SessionDescription rejectingBobsVideo =
        new SessionDescription(
            parsed.origin(),
            parsed.sessionName(),
            parsed.lines(),
            parsed.timing(),
            parsed.attributes(),
            media);
    assertThat(SubscribeAnswer.read(offer, rejectingBobsVideo).acceptedMids())
        .containsExactly("0", "1", "2");
    assertThatThrownBy(
            () ->
                SubscribeAnswer.read(
                    offer, SdpParser.parse(answer.replace("a=setup:active", "a=setup:passive"))))
        .isInstanceOf(NegotiationException.class)
        .hasMessage("a=setup:passive would make the SFU the DTLS client; it is always the server");
  }
}
