package dev.parley.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files a certificate authority hands out: a chain (leaf first, as Let's Encrypt's
 * {@code fullchain.pem}) and its private key in any of the unencrypted forms OpenSSL writes (PKCS#8
 * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}).
 */
final class PemFiles {
  private PemFiles() {}

  /**
   * @param file named in errors; {@code pem} is its content
   */
  static List<X509Certificate> readChain(Path file, byte[] pem) {
    try (InputStream in = new ByteArrayInputStream(pem)) {
      List<X509Certificate> chain =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (chain.isEmpty()) {
        throw new TlsException(file + " holds no PEM certificate");
      }
      return chain;
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
    }
  }

  /**
   * @param file named in errors; {@code content} is what it holds
   */
  static PrivateKey readKey(Path file, byte[] content) {
    try (PEMParser pem =
        new PEMParser(new StringReader(new String(content, StandardCharsets.US_ASCII)))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
        switch (item) {
          case PrivateKeyInfo pkcs8 -> {
            return converter.getPrivateKey(pkcs8);
          }
          case PEMKeyPair pair -> {
            // The public half of a SEC1 key is optional: take only the private one.
            return converter.getPrivateKey(pair.getPrivateKeyInfo());
          }
          case PEMEncryptedKeyPair ignored -> throw encrypted(file);
          case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
          default -> {
            // EC PARAMETERS blocks and the like come before the key: skip them.
          }
        }
      }
      throw new TlsException(file + " holds no PEM private key");
    } catch (IOException | RuntimeException e) {
      if (e instanceof TlsException tls) {
        throw tls;
      }
      throw new TlsException(file + " is not a PEM private key: " + e.getMessage(), e);
    }
  }

  private static TlsException encrypted(Path file) {
    return new TlsException(
        file
            + " holds an encrypted private key; give an unencrypted one"
            + " (openssl pkey -in encrypted.pem -out key.pem)");
  }

  /**
   * Whether {@code key} is the private half of {@code certificate}: it signs a sample and the
   * certificate's public key verifies it. A mismatched pair loads fine and then fails every
   * handshake, the usual slip when a renewal has written one file but not yet the other.
   */
  static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448
        };
    try {
      byte[] sample = "parley key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(sample);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(sample);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
