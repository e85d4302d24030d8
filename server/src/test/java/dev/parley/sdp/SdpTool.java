package dev.parley.sdp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The SFU's SDP rules for e2e/tests/sdp-sfu.spec.ts, run with the JDK on the test classpath:
 *
 * <ul>
 *   <li>{@code publish <offer-file>}: prints a JSON object with the {@code answer} to the publish
 *       offer, the {@code subscribe} offer forwarding its tracks (as publisher {@code alice}, SSRCs
 *       from 1000), the {@code renegotiated} offer after that without its first track, and the
 *       {@code recycled} one after that, where {@code carol}'s audio takes the freed section;
 *   <li>{@code accepted <offer-file> <answer-file>}: prints the mids the subscribe answer accepted.
 * </ul>
 *
 * The SFU's side of the connection is {@link SdpFixtures#LOCAL}.
 */
final class SdpTool {
  private SdpTool() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "publish" -> {
        PublishSession session =
            PublishAnswerer.answer(
                SdpParser.parse(Files.readString(Path.of(args[1]))),
                SdpFixtures.LOCAL,
                AnswerPolicy.DEFAULT);
        List<ForwardedTrack> tracks = SdpFixtures.forwarded("alice", session.tracks(), 1000);
        SessionDescription subscribe = SubscribeOffers.offer(tracks, SdpFixtures.LOCAL, null);
        SessionDescription renegotiated =
            SubscribeOffers.offer(tracks.subList(1, tracks.size()), SdpFixtures.LOCAL, subscribe);
        List<ForwardedTrack> withCarol = new ArrayList<>(tracks.subList(1, tracks.size()));
        withCarol.add(
            new ForwardedTrack("carol-mic", "carol", Codec.OPUS, 5000, OptionalLong.empty()));
        SessionDescription recycled =
            SubscribeOffers.offer(withCarol, SdpFixtures.LOCAL, renegotiated);
        System.out.println(
            json(
                Map.of(
                    "answer", SdpWriter.write(session.answer()),
                    "subscribe", SdpWriter.write(subscribe),
                    "renegotiated", SdpWriter.write(renegotiated),
                    "recycled", SdpWriter.write(recycled))));
      }
      case "accepted" -> {
        SubscribeAnswer answer =
            SubscribeAnswer.read(
                SdpParser.parse(Files.readString(Path.of(args[1]))),
                SdpParser.parse(Files.readString(Path.of(args[2]))));
        System.out.println(String.join(" ", answer.acceptedMids()));
      }
      default -> throw new IllegalArgumentException("publish or accepted, not " + args[0]);
    }
  }

  private static String json(Map<String, String> fields) {
    StringBuilder out = new StringBuilder("{");
    fields.forEach(
        (key, value) -> {
          out.append(out.length() == 1 ? "" : ",").append('"').append(key).append("\":\"");
          for (char c : value.toCharArray()) {
            switch (c) {
              case '\r' -> out.append("\\r");
              case '\n' -> out.append("\\n");
              case '"' -> out.append("\\\"");
              case '\\' -> out.append("\\\\");
              default -> out.append(c);
            }
          }
          out.append('"');
        });
    return out.append('}').toString();
  }
}
