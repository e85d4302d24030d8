package dev.parley.sdp;

import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.Attribute.Setup;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser's answer to a subscribe offer, read back: its transport, and the mids of the sections
 * it accepted to receive (a section it rejected, port 0, the SFU stops forwarding on).
 */
public record SubscribeAnswer(RemoteTransport remote, List<String> acceptedMids) {
  public SubscribeAnswer {
    acceptedMids = List.copyOf(acceptedMids);
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
    MediaSection tagged = null;
    for (int i = 0; i < offer.media().size(); i++) {
      MediaSection ours = offer.media().get(i);
      MediaSection theirs = answer.media().get(i);
      if (!theirs.mid().equals(ours.mid()) && theirs.port() != 0) {
        throw new NegotiationException(
            "m= section "
                + i
                + " of the answer has mid "
                + theirs.mid().orElse("(none)")
                + ", the offer's has "
                + ours.mid().orElse("(none)"));
      }
      Direction direction = theirs.direction();
      if (ours.port() != 0
          && theirs.port() != 0
          && (direction == Direction.RECVONLY || direction == Direction.SENDRECV)) {
        accepted.add(ours.mid().orElseThrow());
        if (tagged == null) {
          tagged = theirs;
        }
      }
    }
    if (tagged == null) {
      throw new NegotiationException("the answer accepts no m= section");
    }
    return new SubscribeAnswer(
        RemoteTransport.of(answer, tagged, List.of(Setup.Role.ACTIVE)), accepted);
  }
}
