package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.ice.Candidate;
import dev.parley.ice.IceCredentials;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The values the signaling glue hands over from {@code ice} and {@code dtls} come out of the SDP as
 * those packages read them: what this package takes as plain values fits theirs.
 */
class LocalTransportTest {
  @Test
  void theMediaPortsCredentialsFingerprintAndCandidatesGoIntoTheAnswerAsIceAndDtlsWriteThem()
      throws Exception {
    IceCredentials ice = IceCredentials.random();
    CertificateFingerprint ours =
        CertificateFingerprint.of("a certificate".getBytes(StandardCharsets.US_ASCII));
    Candidate host = Candidate.hosts(List.of(new InetSocketAddress("127.0.0.1", 40000))).get(0);
    LocalTransport local =
        new LocalTransport(
            ice.ufrag(),
            ice.pwd(),
            Attribute.Fingerprint.of(ours.sdp()),
            List.of(
                Attribute.Candidate.udpHost(
                    host.foundation(),
                    host.priority(),
                    host.address().getAddress().getHostAddress(),
                    host.address().getPort())));

    PublishSession session =
        PublishAnswerer.answer(
            SdpFixtures.offer("chromium", "audio-only"), local, AnswerPolicy.DEFAULT);
    MediaSection audio = SdpParser.parse(SdpWriter.write(session.answer())).media().get(0);

    assertThat(audio.first(Attribute.IceUfrag.class).orElseThrow().value()).isEqualTo(ice.ufrag());
    assertThat(
            CertificateFingerprint.parse(
                audio.first(Attribute.Fingerprint.class).orElseThrow().sdp()))
        .isEqualTo(ours);
    assertThat(SdpWriter.attribute(audio.first(Attribute.Candidate.class).orElseThrow()))
        .isEqualTo(host.sdp());
    assertThat(CertificateFingerprint.parse(session.remote().fingerprint().sdp()).sdp())
        .as("the browser's fingerprint, for DtlsEndpoint.accept")
        .isEqualTo(session.remote().fingerprint().sdp());
  }

  @Test
  void aFingerprintIsTwoWords() {
    assertThatThrownBy(() -> Attribute.Fingerprint.of("sha-256"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a fingerprint is \"<hash> <hex bytes>\": sha-256");
  }
}
