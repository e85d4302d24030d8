package dev.parley.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BC's DTLS server for one peer: DTLS 1.2 only, ECDHE-ECDSA suites, our identity, a client
 * certificate required and checked against the fingerprint the peer's SDP gave, use_srtp with our
 * preferred profile among those offered, and the keying material exported when done. Used by one
 * handshake thread at a time.
 */
final class SrtpDtlsServer extends DefaultTlsServer {
  private final DtlsIdentity identity;
  private final CertificateFingerprint remote;
  private final int handshakeTimeoutMillis;
  private SrtpProfile profile;
  private SrtpKeyingMaterial keys;

  SrtpDtlsServer(
      BcTlsCrypto crypto,
      DtlsIdentity identity,
      CertificateFingerprint remote,
      int handshakeTimeoutMillis) {
    super(crypto);
    this.identity = identity;
    this.remote = remote;
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    // What browsers offer for an ECDSA certificate, AEAD first.
    return new int[] {
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return identity.signer(context, (BcTlsCrypto) getCrypto());
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return handshakeTimeoutMillis;
  }

  @Override
  @SuppressWarnings("rawtypes") // bctls's DtlsServer declares the raw Hashtable this overrides
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      throw new TlsFatalAlert(
          AlertDescription.handshake_failure, "the client did not offer use_srtp");
    }
    profile =
        SrtpProfile.choose(offered.getProtectionProfiles())
            .orElseThrow(
                () ->
                    new TlsFatalAlert(
                        AlertDescription.handshake_failure,
                        "no SRTP protection profile in common"));
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"}) // bctls's raw Hashtable, filled through its helper
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    TlsSRTPUtils.addUseSRTPExtension(
        extensions, new UseSRTPData(new int[] {profile.id}, TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  @Override
  public CertificateRequest getCertificateRequest() {
    Vector<?> algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
    return new CertificateRequest(
        new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
        algorithms,
        null);
  }

  /** The peer is who its SDP said only if its certificate has that fingerprint (RFC 8842 §5). */
  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    if (clientCertificate == null || clientCertificate.isEmpty()) {
      throw new TlsFatalAlert(
          AlertDescription.certificate_required, "DTLS-SRTP needs the client's certificate");
    }
    if (!remote.matches(clientCertificate.getCertificateAt(0).getEncoded())) {
      throw new TlsFatalAlert(
          AlertDescription.bad_certificate,
          "the client's certificate does not have the fingerprint of its SDP");
    }
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    keys = SrtpKeyingMaterial.export(context, profile);
  }

  /** The keying material, once the handshake completed. */
  SrtpKeyingMaterial keys() {
    return keys;
  }
}
