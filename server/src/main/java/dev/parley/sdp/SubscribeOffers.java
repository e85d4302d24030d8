package dev.parley.sdp;

import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.Attribute.Msid;
import dev.parley.sdp.Attribute.Setup;
import dev.parley.sdp.SessionDescription.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SFU's offers on a subscribe connection (RFC 8829 §5.2): one sendonly m= section per forwarded
 * track, grown and shrunk by renegotiation. Each section keeps its place and mid for as long as its
 * track is forwarded; a track gone leaves its section at port 0 ({@code inactive}, its mid kept),
 * and a later track of the same kind may take such a section over with a new mid (RFC 8843 §7.5: a
 * mid is never given to another track), otherwise a new one is appended. Mids are numbers, each
 * greater than any used before on the connection.
 */
public final class SubscribeOffers {
  private SubscribeOffers() {}

  /**
   * @param tracks the tracks to forward, each id once; new ones get sections in this order
   * @param previous the last offer on this connection that the browser answered, null for the
   *     first; its origin's version goes up by one
   * @throws IllegalArgumentException when two tracks have one id
   */
  public static SessionDescription offer(
      List<ForwardedTrack> tracks, LocalTransport local, SessionDescription previous) {
    Map<String, ForwardedTrack> waiting = new LinkedHashMap<>();
    for (ForwardedTrack track : tracks) {
      if (waiting.put(track.track(), track) != null) {
        throw new IllegalArgumentException("two forwarded tracks have the id " + track.track());
      }
    }
    int nextMid = previous == null ? 0 : nextMid(previous);
    List<MediaSection> kept = previous == null ? List.of() : previous.media();
    // First the tracks that keep their sections, so that only newcomers take over free ones.
    List<Optional<ForwardedTrack>> staying = new ArrayList<>();
    for (MediaSection old : kept) {
      staying.add(
          old.port() == 0
              ? Optional.empty()
              : old.first(Msid.class).map(Msid::track).map(waiting::remove));
    }
    List<MediaSection> sections = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      MediaSection old = kept.get(i);
      if (staying.get(i).isPresent()) {
        sections.add(section(staying.get(i).get(), old.mid().orElseThrow(), local));
      } else if (old.port() != 0) {
        sections.add(removed(old));
      } else {
        Optional<ForwardedTrack> newcomer =
            waiting.values().stream()
                .filter(t -> t.kind().sdpName().equals(old.kind()))
                .findFirst();
        if (newcomer.isPresent()) {
          waiting.remove(newcomer.get().track());
          sections.add(section(newcomer.get(), Integer.toString(nextMid++), local));
        } else {
          sections.add(old);
        }
      }
    }
    for (ForwardedTrack track : waiting.values()) {
      sections.add(section(track, Integer.toString(nextMid++), local));
    }
    keepOneAlive(sections, kept);
    List<String> bundle =
        sections.stream().filter(s -> s.port() != 0).map(s -> s.mid().orElseThrow()).toList();
    List<Attribute> session = new ArrayList<>();
    session.add(Attribute.Flag.ICE_LITE);
    if (!bundle.isEmpty()) {
      session.add(new Attribute.Group("BUNDLE", bundle));
    }
    session.add(Attribute.Flag.EXTMAP_ALLOW_MIXED);
    session.add(new Attribute.MsidSemantic("WMS", List.of("*")));
    Origin origin =
        previous == null
            ? new Origin("-", local.sessionId(), 1, "IN", "IP4", "0.0.0.0")
            : new Origin(
                "-",
                previous.origin().sessionId(),
                previous.origin().version() + 1,
                "IN",
                "IP4",
                "0.0.0.0");
    return new SessionDescription(origin, "-", List.of(), "0 0", session, sections);
  }

  private static int nextMid(SessionDescription previous) {
    int max = -1;
    for (MediaSection section : previous.media()) {
      String mid = section.mid().orElse("");
      if (mid.matches("\\d{1,9}")) {
        max = Math.max(max, Integer.parseInt(mid));
      }
    }
    return max + 1;
  }

  private static MediaSection section(ForwardedTrack track, String mid, LocalTransport local) {
    Codec codec = track.codec();
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute.Mid(mid));
    attributes.addAll(local.sectionAttributes(Setup.Role.ACTPASS));
    for (HeaderExtension extension : HeaderExtension.values()) {
      if (extension.subscribedFor(codec.kind())) {
        attributes.add(new Attribute.Extmap(extension.subscribeId(), null, extension.uri(), null));
      }
    }
    attributes.add(Direction.SENDONLY);
    attributes.add(new Msid(track.stream(), track.track()));
    attributes.add(Attribute.Flag.RTCP_MUX);
    attributes.add(Attribute.Flag.RTCP_RSIZE);
    attributes.addAll(codec.subscribeAttributes());
    track
        .rtxSsrc()
        .ifPresent(
            rtx -> attributes.add(new Attribute.SsrcGroup("FID", List.of(track.ssrc(), rtx))));
    attributes.add(new Attribute.Ssrc(track.ssrc(), "cname", track.stream()));
    track
        .rtxSsrc()
        .ifPresent(rtx -> attributes.add(new Attribute.Ssrc(rtx, "cname", track.stream())));
    attributes.addAll(local.candidateAttributes());
    List<String> formats = new ArrayList<>(List.of(Integer.toString(codec.payloadType())));
    if (codec.rtxPayloadType() >= 0) {
      formats.add(Integer.toString(codec.rtxPayloadType()));
    }
    return new MediaSection(
        codec.kind().sdpName(),
        9,
        "UDP/TLS/RTP/SAVPF",
        formats,
        List.of(PublishAnswerer.ANY_ADDRESS),
        attributes);
  }

  /**
   * When the last track goes, its section stays open but idle ({@code inactive}, no msid or SSRC)
   * rather than at port 0: an offer whose sections are all rejected has no BUNDLE group, which a
   * browser's max-bundle connection refuses, and it would end the connection's ICE and DTLS.
   */
  private static void keepOneAlive(List<MediaSection> sections, List<MediaSection> kept) {
    if (sections.stream().anyMatch(s -> s.port() != 0)) {
      return;
    }
    for (int i = 0; i < kept.size(); i++) {
      MediaSection old = kept.get(i);
      if (old.port() != 0) {
        List<Attribute> attributes = new ArrayList<>();
        for (Attribute attribute : old.attributes()) {
          if (attribute instanceof Direction) {
            attributes.add(Direction.INACTIVE);
          } else if (!(attribute instanceof Msid
              || attribute instanceof Attribute.Ssrc
              || attribute instanceof Attribute.SsrcGroup)) {
            attributes.add(attribute);
          }
        }
        sections.set(
            i,
            new MediaSection(
                old.kind(), old.port(), old.protocol(), old.formats(), old.lines(), attributes));
        return;
      }
    }
  }

  /** A section whose track is gone: port 0, inactive, its mid kept (RFC 8829 §5.2.2). */
  private static MediaSection removed(MediaSection old) {
    List<Attribute> attributes = new ArrayList<>();
    old.mid().ifPresent(mid -> attributes.add(new Attribute.Mid(mid)));
    attributes.add(Direction.INACTIVE);
    return new MediaSection(
        old.kind(), 0, old.protocol(), old.formats().subList(0, 1), old.lines(), attributes);
  }
}
