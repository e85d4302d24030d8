package dev.parley.sdp;

import dev.parley.sdp.Attribute.Candidate;
import dev.parley.sdp.Attribute.Fingerprint;
import java.util.ArrayList;
import java.util.List;

/**
 * The SFU's side of one connection, as its SDP states it: the ICE credentials the media port's
 * agent expects on this connection, this node's DTLS certificate fingerprint ({@code
 * dtls.CertificateFingerprint}), and the candidates of the media port (host, then relayed).
 */
public record LocalTransport(
    String iceUfrag, String icePwd, Fingerprint fingerprint, List<Candidate> candidates) {
  public LocalTransport {
    candidates = List.copyOf(candidates);
  }

  /**
   * The ICE and DTLS attributes of a bundled m= section (RFC 8839, RFC 8842); the SFU is always the
   * DTLS server, so {@code setup} is passive in an answer and actpass in an offer.
   */
  List<Attribute> sectionAttributes(Attribute.Setup.Role setup) {
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute.IceUfrag(iceUfrag));
    attributes.add(new Attribute.IcePwd(icePwd));
    attributes.add(fingerprint);
    attributes.add(new Attribute.Setup(setup));
    return attributes;
  }

  /** The candidates and end-of-candidates: the SFU is ICE-lite and gathers nothing later. */
  List<Attribute> candidateAttributes() {
    List<Attribute> attributes = new ArrayList<>(candidates);
    attributes.add(Attribute.Flag.END_OF_CANDIDATES);
    return attributes;
  }

  /** The o= session id: as random as the ufrag it is derived from, and stable with it. */
  String sessionId() {
    return Long.toString(Integer.toUnsignedLong(iceUfrag.hashCode()) + 1);
  }
}
