package dev.parley.sdp;

import dev.parley.sdp.Attribute.Setup;
import dev.parley.sdp.SessionDescription.Line;
import dev.parley.sdp.SessionDescription.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers a browser's publish offer (RFC 8829 §5.3): the SFU receives every m= section it can take
 * (recvonly, one codec with its RTX, simulcast layers mirrored as {@code a=simulcast:recv}) and
 * rejects the rest with port 0, data channels included, since data stays on the WebSocket and the
 * mesh; it is ICE-lite, the DTLS server ({@code a=setup:passive}), and bundles what it accepts.
 */
public final class PublishAnswerer {
  /** The c= line of a section whose address ICE decides (RFC 8829 §5.3.1). */
  static final Line ANY_ADDRESS = new Line('c', "IN IP4 0.0.0.0");

  private PublishAnswerer() {}

  /**
   * @throws NegotiationException when nothing can be accepted or the transport cannot be set up
   */
  public static PublishSession answer(
      SessionDescription offer, LocalTransport local, AnswerPolicy policy)
      throws NegotiationException {
    List<String> bundle = offer.bundle();
    List<MediaSection> answered = new ArrayList<>();
    List<PublishedTrack> tracks = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    MediaSection tagged = null;
    for (MediaSection offered : offer.media()) {
      Optional<PublishSection.Accepted> taken =
          tracks.size() < policy.maxTracks() && offered.mid().filter(bundle::contains).isPresent()
              ? PublishSection.accept(offered, policy)
              : Optional.empty();
      if (taken.isEmpty()) {
        answered.add(rejected(offered));
        continue;
      }
      if (tagged == null) {
        tagged = offered;
      }
      tracks.add(taken.get().track());
      accepted.add(taken.get().track().mid());
      List<Attribute> attributes = new ArrayList<>(taken.get().attributes());
      attributes.addAll(1, local.sectionAttributes(Setup.Role.PASSIVE));
      attributes.addAll(local.candidateAttributes());
      answered.add(
          new MediaSection(
              offered.kind(),
              9,
              offered.protocol(),
              List.of(payloadTypes(taken.get().track())),
              List.of(ANY_ADDRESS),
              attributes));
    }
    if (tagged == null) {
      throw new NegotiationException("the offer has no audio or video the SFU can receive");
    }
    RemoteTransport remote =
        RemoteTransport.of(offer, tagged, List.of(Setup.Role.ACTPASS, Setup.Role.ACTIVE));
    List<Attribute> session = new ArrayList<>();
    session.add(Attribute.Flag.ICE_LITE);
    session.add(new Attribute.Group("BUNDLE", accepted));
    if (offer.attributes().contains(Attribute.Flag.EXTMAP_ALLOW_MIXED)) {
      session.add(Attribute.Flag.EXTMAP_ALLOW_MIXED);
    }
    session.add(new Attribute.MsidSemantic("WMS", List.of()));
    SessionDescription answer =
        new SessionDescription(
            new Origin("-", local.sessionId(), 1, "IN", "IP4", "0.0.0.0"),
            "-",
            List.of(),
            "0 0",
            session,
            answered);
    return new PublishSession(answer, remote, tracks);
  }

  private static String[] payloadTypes(PublishedTrack track) {
    return track.rtxPayloadType() < 0
        ? new String[] {Integer.toString(track.payloadType())}
        : new String[] {
          Integer.toString(track.payloadType()), Integer.toString(track.rtxPayloadType())
        };
  }

  /** A rejected section: port 0, the offer's formats, and its mid (RFC 8829 §5.3.1). */
  private static MediaSection rejected(MediaSection offered) {
    List<Attribute> attributes = new ArrayList<>();
    offered.mid().ifPresent(mid -> attributes.add(new Attribute.Mid(mid)));
    return new MediaSection(
        offered.kind(), 0, offered.protocol(), offered.formats(), List.of(ANY_ADDRESS), attributes);
  }
}
