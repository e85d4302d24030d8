package dev.parley.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A node's DTLS identity: an ECDSA P-256 key and a self-signed certificate, trusted by peers only
 * through its fingerprint in SDP (RFC 8827 §6.5), so nothing in it but the key matters. Browsers
 * make theirs the same way. Immutable; made once per node.
 */
public final class DtlsIdentity {
  /**
   * Long: the certificate is never checked against a CA or a clock, and a restart makes a new one.
   */
  private static final Duration VALIDITY = Duration.ofDays(30);

  private final byte[] derCertificate;
  private final AsymmetricKeyParameter privateKey;
  private final CertificateFingerprint fingerprint;

  private DtlsIdentity(byte[] derCertificate, AsymmetricKeyParameter privateKey) {
    this.derCertificate = derCertificate;
    this.privateKey = privateKey;
    this.fingerprint = CertificateFingerprint.of(derCertificate);
  }

  public static DtlsIdentity generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=parley");
      Instant now = Instant.now();
      byte[] der =
          new JcaX509v3CertificateBuilder(
                  name,
                  new BigInteger(64, new SecureRandom()),
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(VALIDITY)),
                  name,
                  keys.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
              .getEncoded();
      return new DtlsIdentity(der, PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make an ECDSA P-256 certificate", e);
    }
  }

  /** What the peer's SDP must carry in a=fingerprint for this node. */
  public CertificateFingerprint fingerprint() {
    return fingerprint;
  }

  /** The certificate and key as BC's handshake signs with them, for one connection. */
  public TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto) throws IOException {
    TlsCertificate certificate = crypto.createCertificate(derCertificate);
    return new BcDefaultTlsCredentialedSigner(
        new TlsCryptoParameters(context),
        crypto,
        privateKey,
        new Certificate(new TlsCertificate[] {certificate}),
        new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
  }
}
