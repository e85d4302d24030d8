package dev.parley.sdp;

import dev.parley.sdp.Attribute.Candidate;
import dev.parley.sdp.Attribute.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The browsers' captured offers (src/test/resources/sdp, see its README) and the SFU's side of a
 * connection as the tests give it: fixed, so that answers and offers can be compared with goldens.
 */
final class SdpFixtures {
  static final Path DIRECTORY = Path.of("src/test/resources/sdp");

  static final List<String> BROWSERS = List.of("chromium", "firefox");
  static final List<String> SCENARIOS =
      List.of(
          "audio-video-simulcast",
          "audio-video-max-bundle",
          "audio-only",
          "video-only",
          "data-channel");

  static final LocalTransport LOCAL =
      new LocalTransport(
          "sfuUfrag1",
          "sfuPasswordOf24Characters",
          new Fingerprint(
              "sha-256",
              "0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9"),
          List.of(Candidate.udpHost("1", 2130706431L, "127.0.0.1", 40000)));

  private SdpFixtures() {}

  static String text(String file) {
    try {
      return Files.readString(DIRECTORY.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SessionDescription offer(String browser, String scenario) throws SdpParseException {
    return SdpParser.parse(text(browser + "-" + scenario + ".offer.sdp"));
  }

  /**
   * The tracks a subscriber gets of these published ones: the SFU's SSRCs, counted from {@code
   * firstSsrc}, each RTX SSRC one above its media SSRC.
   */
  static List<ForwardedTrack> forwarded(
      String publisher, List<PublishedTrack> tracks, long firstSsrc) {
    return tracks.stream()
        .map(
            t -> {
              long ssrc = firstSsrc + 2L * tracks.indexOf(t);
              return new ForwardedTrack(
                  t.track(),
                  publisher,
                  t.codec(),
                  ssrc,
                  t.codec().rtxPayloadType() < 0
                      ? OptionalLong.empty()
                      : OptionalLong.of(ssrc + 1));
            })
        .toList();
  }
}
