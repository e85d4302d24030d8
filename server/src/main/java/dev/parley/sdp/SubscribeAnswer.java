package dev.parley.sdp;

import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.Attribute.Extmap;
import dev.parley.sdp.Attribute.Setup;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The browser's answer to a subscribe offer, read back: its transport, the mids of the sections it
 * accepted to receive (a section it rejected, port 0, the SFU stops forwarding on), and per
 * accepted mid the header extensions it kept, which the SFU writes on that track and no others
 * (Firefox keeps no abs-send-time on audio, for one).
 */
public record SubscribeAnswer(
    RemoteTransport remote,
    List<String> acceptedMids,
    Map<String, Set<HeaderExtension>> extensions) {
  public SubscribeAnswer {
    acceptedMids = List.copyOf(acceptedMids);
    extensions = Map.copyOf(extensions);
  }

  /**
   * @throws NegotiationException when the answer does not fit the offer (other m= sections or
   *     mids), has no transport, or does not take the DTLS client role
   */
  public static SubscribeAnswer read(SessionDescription offer, SessionDescription answer)
      throws NegotiationException {
    if (answer.media().size() != offer.media().size()) {
      throw new NegotiationException(
          "the answer has "
              + answer.media().size()
              + " m= sections, the offer "
              + offer.media().size());
    }
    List<String> accepted = new ArrayList<>();
    Map<String, Set<HeaderExtension>> extensions = new HashMap<>();
    MediaSection tagged = null;
    for (int i = 0; i < offer.media().size(); i++) {
      MediaSection ours = offer.media().get(i);
      MediaSection theirs = answer.media().get(i);
      if (!theirs.mid().equals(ours.mid()) && !theirs.rejected()) {
        throw new NegotiationException(
            "m= section "
                + i
                + " of the answer has mid "
                + theirs.mid().orElse("(none)")
                + ", the offer's has "
                + ours.mid().orElse("(none)"));
      }
      Direction direction = theirs.direction();
      if (!ours.rejected()
          && !theirs.rejected()
          && (direction == Direction.RECVONLY || direction == Direction.SENDRECV)) {
        accepted.add(ours.mid().orElseThrow());
        extensions.put(ours.mid().orElseThrow(), kept(ours, theirs));
        if (tagged == null) {
          tagged = theirs;
        }
      }
    }
    if (tagged == null) {
      throw new NegotiationException("the answer accepts no m= section");
    }
    return new SubscribeAnswer(
        RemoteTransport.of(answer, tagged, List.of(Setup.Role.ACTIVE)), accepted, extensions);
  }

  /** The offered extensions that the answer kept with the offer's id (RFC 8285 §6). */
  private static Set<HeaderExtension> kept(MediaSection ours, MediaSection theirs) {
    Set<HeaderExtension> kept = EnumSet.noneOf(HeaderExtension.class);
    for (Extmap offered : ours.all(Extmap.class)) {
      if (theirs.all(Extmap.class).stream()
          .anyMatch(e -> e.id() == offered.id() && e.uri().equals(offered.uri()))) {
        HeaderExtension.of(offered.uri()).ifPresent(kept::add);
      }
    }
    return Set.copyOf(kept);
  }
}
