package dev.parley.sdp;

import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.Attribute.Extmap;
import dev.parley.sdp.Attribute.Fmtp;
import dev.parley.sdp.Attribute.Msid;
import dev.parley.sdp.Attribute.RtcpFb;
import dev.parley.sdp.Attribute.Rtpmap;
import dev.parley.sdp.Attribute.SsrcGroup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One m= section of a publish offer, as the SFU takes it: the codec it accepts (with RTX), the
 * header extensions and feedback it keeps, and the simulcast layers it receives, or nothing when
 * the section cannot be taken.
 */
final class PublishSection {
  private PublishSection() {}

  /** The accepted track and the answer's attributes for it, before the transport's. */
  record Accepted(PublishedTrack track, List<Attribute> attributes) {}

  /** Accepts the section, or says it cannot (then it is rejected in the answer). */
  static Optional<Accepted> accept(MediaSection offered, AnswerPolicy policy) {
    Optional<MediaKind> kind = MediaKind.of(offered.kind());
    Optional<String> mid = offered.mid();
    if (kind.isEmpty()
        || mid.isEmpty()
        || offered.rejected()
        || !offered.protocol().equals("UDP/TLS/RTP/SAVPF")
        || !offered.has(Attribute.Flag.RTCP_MUX)
        || (offered.direction() != Direction.SENDONLY
            && offered.direction() != Direction.SENDRECV)) {
      return Optional.empty();
    }
    Map<Integer, String> fmtp = new LinkedHashMap<>();
    for (Fmtp f : offered.all(Fmtp.class)) {
      fmtp.putIfAbsent(f.payloadType(), f.parameters());
    }
    for (Codec codec : policy.codecs()) {
      if (codec.kind() != kind.get()) {
        continue;
      }
      for (Rtpmap rtpmap : offered.all(Rtpmap.class)) {
        if (offered.payloadTypes().contains(rtpmap.payloadType())
            && codec.matches(rtpmap, fmtp.getOrDefault(rtpmap.payloadType(), ""))) {
          return Optional.of(accepted(offered, kind.get(), mid.get(), codec, rtpmap, fmtp));
        }
      }
    }
    return Optional.empty();
  }

  private static Accepted accepted(
      MediaSection offered,
      MediaKind kind,
      String mid,
      Codec codec,
      Rtpmap rtpmap,
      Map<Integer, String> fmtp) {
    int pt = rtpmap.payloadType();
    Optional<Rtpmap> rtx =
        offered.all(Rtpmap.class).stream()
            .filter(r -> r.encoding().equalsIgnoreCase("rtx"))
            .filter(r -> offered.payloadTypes().contains(r.payloadType()))
            .filter(
                r ->
                    FormatParameters.get(fmtp.getOrDefault(r.payloadType(), ""), "apt")
                        .equals(Integer.toString(pt)))
            .findFirst();
    List<Attribute> answer = new ArrayList<>();
    answer.add(new Attribute.Mid(mid));
    Map<HeaderExtension, Integer> extensions = new EnumMap<>(HeaderExtension.class);
    for (Extmap extmap : offered.all(Extmap.class)) {
      Optional<HeaderExtension> known = HeaderExtension.of(extmap.uri());
      Direction direction = extmap.direction() == null ? Direction.SENDRECV : extmap.direction();
      if (known.isPresent()
          && (direction == Direction.SENDONLY || direction == Direction.SENDRECV)
          && !extensions.containsKey(known.get())) {
        extensions.put(known.get(), extmap.id());
        answer.add(
            new Extmap(
                extmap.id(),
                extmap.direction() == null ? null : Direction.RECVONLY,
                extmap.uri(),
                null));
      }
    }
    answer.add(Direction.RECVONLY);
    answer.add(Attribute.Flag.RTCP_MUX);
    if (offered.has(Attribute.Flag.RTCP_RSIZE)) {
      answer.add(Attribute.Flag.RTCP_RSIZE);
    }
    if (offered.has(Attribute.Flag.EXTMAP_ALLOW_MIXED)) {
      answer.add(Attribute.Flag.EXTMAP_ALLOW_MIXED);
    }
    answer.add(rtpmap);
    if (fmtp.containsKey(pt)) {
      answer.add(new Fmtp(pt, fmtp.get(pt)));
    }
    for (RtcpFb fb : offered.all(RtcpFb.class)) {
      String feedback = fb.parameter() == null ? fb.type() : fb.type() + " " + fb.parameter();
      if (fb.payloadType() == pt && Codec.FEEDBACK.contains(feedback)) {
        answer.add(fb);
      }
    }
    rtx.ifPresent(
        r -> {
          answer.add(r);
          answer.add(new Fmtp(r.payloadType(), fmtp.get(r.payloadType())));
        });
    List<String> rids = sendLayers(offered);
    for (String rid : rids) {
      answer.add(new Attribute.Rid(rid, Attribute.Rid.RidDirection.RECV, null));
    }
    if (!rids.isEmpty()) {
      answer.add(new Attribute.Simulcast(List.of(), rids.stream().map(List::of).toList()));
    }
    Optional<Msid> msid = offered.first(Msid.class);
    PublishedTrack track =
        new PublishedTrack(
            mid,
            kind,
            msid.map(Msid::stream).orElse(null),
            msid.map(Msid::track).orElse(null),
            codec,
            pt,
            rtx.map(Rtpmap::payloadType).orElse(-1),
            extensions,
            ssrcs(offered),
            rtxSsrcs(offered),
            rids);
    return new Accepted(track, answer);
  }

  /**
   * The offered send layers, in the offer's a=simulcast order; each stream's first alternative that
   * is not paused and has an a=rid send line.
   */
  private static List<String> sendLayers(MediaSection offered) {
    Set<String> sent = new LinkedHashSet<>();
    for (Attribute.Rid rid : offered.all(Attribute.Rid.class)) {
      if (rid.direction() == Attribute.Rid.RidDirection.SEND) {
        sent.add(rid.id());
      }
    }
    List<String> layers = new ArrayList<>();
    offered
        .first(Attribute.Simulcast.class)
        .ifPresent(
            simulcast -> {
              for (List<String> alternatives : simulcast.send()) {
                alternatives.stream()
                    .filter(sent::contains)
                    .filter(rid -> !layers.contains(rid))
                    .findFirst()
                    .ifPresent(layers::add);
              }
            });
    return layers;
  }

  private static List<Long> ssrcs(MediaSection offered) {
    Set<Long> rtx = new LinkedHashSet<>(rtxSsrcs(offered).values());
    Set<Long> media = new LinkedHashSet<>();
    offered.all(SsrcGroup.class).stream()
        .filter(g -> g.semantics().equals("SIM"))
        .findFirst()
        .ifPresent(sim -> media.addAll(sim.ssrcs()));
    for (Attribute.Ssrc ssrc : offered.all(Attribute.Ssrc.class)) {
      if (!rtx.contains(ssrc.ssrc())) {
        media.add(ssrc.ssrc());
      }
    }
    return List.copyOf(media);
  }

  private static Map<Long, Long> rtxSsrcs(MediaSection offered) {
    Map<Long, Long> rtx = new LinkedHashMap<>();
    for (SsrcGroup group : offered.all(SsrcGroup.class)) {
      if (group.semantics().equals("FID") && group.ssrcs().size() == 2) {
        rtx.putIfAbsent(group.ssrcs().get(0), group.ssrcs().get(1));
      }
    }
    return rtx;
  }
}
