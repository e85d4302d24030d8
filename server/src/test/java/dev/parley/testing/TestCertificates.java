package dev.parley.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate authority made for one test, and server certificates it signs, written as PEM files
 * the way a real authority hands them out. Clients from {@link #httpClient()} trust it.
 */
public final class TestCertificates {
  private final KeyPair caKeys = keyPair("RSA");
  private final X509Certificate ca;

  public TestCertificates() {
    X500Name name = new X500Name("CN=Parley test CA");
    ca = sign(name, caKeys, name, caKeys, BigInteger.ONE, true, null);
  }

  /** Which PEM form the private key is written in. */
  public enum KeyForm {
    /** {@code BEGIN PRIVATE KEY}, an RSA key. */
    PKCS8_RSA,
    /** {@code BEGIN RSA PRIVATE KEY}, as older certbot and {@code openssl genrsa} write. */
    PKCS1_RSA,
    /** {@code BEGIN EC PRIVATE KEY}, as {@code openssl ecparam -genkey} writes. */
    SEC1_EC
  }

  /** Paths of a server certificate's PEM files: the chain (leaf, then the CA) and the key. */
  public record Issued(Path cert, Path key) {}

  /**
   * Writes a certificate for {@code localhost}, 127.0.0.1 and any {@code moreNames} with {@code
   * serial}, signed by this CA, to {@code cert.pem} and {@code key.pem} in {@code dir}, replacing
   * what is there.
   */
  public Issued issue(Path dir, long serial, KeyForm form, String... moreNames) {
    KeyPair keys = keyPair(form == KeyForm.SEC1_EC ? "EC" : "RSA");
    List<GeneralName> names =
        new ArrayList<>(
            List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    for (String name : moreNames) {
      names.add(new GeneralName(GeneralName.dNSName, name));
    }
    X509Certificate leaf =
        sign(
            new X500Name("CN=localhost"),
            keys,
            new X500Name("CN=Parley test CA"),
            caKeys,
            BigInteger.valueOf(serial),
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
    Object key =
        switch (form) {
          case PKCS8_RSA -> pkcs8(keys);
          case PKCS1_RSA -> keys;
          case SEC1_EC -> sec1(keys);
        };
    Issued files = new Issued(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    write(files.cert(), leaf, ca);
    write(files.key(), key);
    return files;
  }

  /** An HTTP (and WebSocket) client that trusts only this CA; redirects are not followed. */
  public HttpClient httpClient() {
    return HttpClient.newBuilder()
        .sslContext(sslContext())
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** A TLS context that trusts only this CA. */
  public SSLContext sslContext() {
    return trusting(ca);
  }

  /** A TLS context that trusts only {@code certificate}, e.g. a self-signed one. */
  public static SSLContext trusting(X509Certificate certificate) {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("trusted", certificate);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(
      X500Name subject,
      KeyPair subjectKeys,
      X500Name issuer,
      KeyPair issuerKeys,
      BigInteger serial,
      boolean isCa,
      GeneralNames names) {
    try {
      Instant now = Instant.now();
      var builder =
          new JcaX509v3CertificateBuilder(
                  issuer,
                  serial,
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(Duration.ofDays(1))),
                  subject,
                  subjectKeys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names);
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object pkcs8(KeyPair keys) {
    try {
      return new JcaPKCS8Generator(keys.getPrivate(), null).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * RFC 5915 with the curve and the public key inside, as OpenSSL writes it (the JDK's key holds
   * the curve outside, so Bouncy Castle's writer would leave it out).
   */
  private static PemObject sec1(KeyPair keys) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
      ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
      SubjectPublicKeyInfo publicKey =
          SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
      ECPrivateKey sec1 =
          new ECPrivateKey(
              256,
              inner.getKey(),
              publicKey.getPublicKeyData(),
              info.getPrivateKeyAlgorithm().getParameters());
      return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair keyPair(String algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        pem.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      // Written beside and moved into place, as certbot does, so a reader never sees half a file.
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      java.nio.file.Files.writeString(partial, text.toString());
      java.nio.file.Files.move(
          partial,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
