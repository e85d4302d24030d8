package dev.parley.sdp;

import dev.parley.sdp.Attribute.Fingerprint;
import dev.parley.sdp.Attribute.IcePwd;
import dev.parley.sdp.Attribute.IceUfrag;
import dev.parley.sdp.Attribute.Setup;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The browser's side of one connection, read from its SDP: what the ICE agent checks (ufrag and
 * password) and what the DTLS handshake checks (the certificate fingerprint, for {@code
 * dtls.CertificateFingerprint.parse(hash + " " + value)}).
 */
public record RemoteTransport(String iceUfrag, String icePwd, Fingerprint fingerprint) {

  /**
   * Reads the bundle's transport from its tagged section, falling back to the session level, and
   * checks that the browser's setup lets the SFU be the DTLS server.
   *
   * @param allowed the setup roles the browser may take here (actpass or active in an offer; active
   *     in an answer)
   */
  static RemoteTransport of(SessionDescription sdp, MediaSection tagged, List<Setup.Role> allowed)
      throws NegotiationException {
    String ufrag =
        find(sdp, tagged, IceUfrag.class)
            .map(IceUfrag::value)
            .orElseThrow(() -> new NegotiationException("the description has no a=ice-ufrag"));
    String pwd =
        find(sdp, tagged, IcePwd.class)
            .map(IcePwd::value)
            .orElseThrow(() -> new NegotiationException("the description has no a=ice-pwd"));
    Fingerprint fingerprint =
        find(sdp, tagged, Fingerprint.class)
            .orElseThrow(() -> new NegotiationException("the description has no a=fingerprint"));
    Setup.Role setup =
        find(sdp, tagged, Setup.class)
            .map(Setup::role)
            .orElseThrow(() -> new NegotiationException("the description has no a=setup"));
    if (!allowed.contains(setup)) {
      throw new NegotiationException(
          "a=setup:"
              + setup.name().toLowerCase(Locale.ROOT)
              + " would make the SFU the DTLS client; it is always the server");
    }
    return new RemoteTransport(ufrag, pwd, fingerprint);
  }

  private static <T extends Attribute> Optional<T> find(
      SessionDescription sdp, MediaSection section, Class<T> type) {
    return section.first(type).or(() -> sdp.attribute(type));
  }
}
