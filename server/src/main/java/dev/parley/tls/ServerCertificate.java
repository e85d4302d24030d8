package dev.parley.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate Parley serves over TLS (HTTPS, WSS, TURN over TLS), read from PEM files and
 * replaced when they change; or made at start-up ({@link #selfSigned()}). Every new connection gets
 * the certificate current at its start; connections already open keep theirs. A new pair of files
 * that cannot be used leaves the current certificate in place. Thread-safe.
 */
public final class ServerCertificate {
  private static final Logger log = LoggerFactory.getLogger(ServerCertificate.class);
  private static final int SUBJECT_ALT_NAME_DNS = 2;

  /** What is served: the context, the leaf it presents, and a digest of the files it came from. */
  private record Loaded(SslContext context, X509Certificate leaf, byte[] digest) {}

  /** {@code null} for a self-signed certificate. */
  private final Path certFile;

  private final Path keyFile;
  private volatile Loaded current;

  /** Digest of the files last tried, so that a bad pair is reported once, not at every poll. */
  private volatile byte[] lastTried;

  private ServerCertificate(Path certFile, Path keyFile, Loaded loaded) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.current = loaded;
    this.lastTried = loaded.digest();
  }

  /**
   * @throws TlsException naming the file that cannot be used and why
   */
  public static ServerCertificate fromFiles(Path certFile, Path keyFile) {
    ServerCertificate certificate =
        new ServerCertificate(certFile, keyFile, load(certFile, keyFile));
    log.info(
        "TLS certificate for {} from {}, valid until {}",
        certificate.names(),
        certFile,
        certificate.certificate().getNotAfter().toInstant());
    return certificate;
  }

  /**
   * A certificate made now for this machine's names and addresses, which no browser trusts unasked.
   */
  public static ServerCertificate selfSigned() {
    SelfSigned.Pair pair = SelfSigned.create();
    ServerCertificate certificate =
        new ServerCertificate(
            null,
            null,
            new Loaded(
                context(pair.key(), List.of(pair.certificate())), pair.certificate(), new byte[0]));
    log.warn(
        "TLS with a SELF-SIGNED certificate for {}: for tests on a LAN only. Browsers will warn before"
            + " opening the page, and TURN over TLS clients that check certificates will refuse it. Use tls-cert and"
            + " tls-key with a certificate from a real authority (docs/tls.md) for anything else.",
        certificate.names());
    return certificate;
  }

  /** A handler for one new server-side connection, with the current certificate. */
  public SslHandler newHandler(ByteBufAllocator allocator) {
    return current.context().newHandler(allocator);
  }

  /** The leaf certificate served to new connections. */
  public X509Certificate certificate() {
    return current.leaf();
  }

  /**
   * The DNS name clients should use to reach this server over TLS, so that the certificate matches:
   * the first name in the certificate that is not a wildcard or {@code localhost}. Empty for a
   * self-signed certificate, which no client checks against a name anyway.
   */
  public Optional<String> dnsName() {
    if (certFile == null) {
      return Optional.empty();
    }
    return names().stream()
        .filter(name -> !name.startsWith("*.") && !name.equals("localhost"))
        .findFirst();
  }

  /** Whether the certificate comes from files, which {@link #reloadIfChanged()} watches. */
  public boolean readsFiles() {
    return certFile != null;
  }

  /**
   * Reads the files again and serves what they hold now (on SIGHUP). On failure logs why and keeps
   * serving the current certificate. No-op for a self-signed certificate.
   *
   * @return whether the files now served were loaded by this call
   */
  public boolean reload() {
    if (certFile == null) {
      return false;
    }
    try {
      Loaded loaded = load(certFile, keyFile);
      lastTried = loaded.digest();
      current = loaded;
      log.info(
          "TLS certificate reloaded from {}: serial {}, valid until {}",
          certFile,
          loaded.leaf().getSerialNumber().toString(16),
          loaded.leaf().getNotAfter().toInstant());
      return true;
    } catch (TlsException e) {
      log.error(
          "TLS certificate NOT reloaded, still serving serial {}: {}",
          current.leaf().getSerialNumber().toString(16),
          e.getMessage());
      return false;
    }
  }

  /**
   * {@link #reload()} if either file changed since it was last read; a change that fails is
   * reported once.
   */
  public void reloadIfChanged() {
    if (certFile == null) {
      return;
    }
    byte[] digest;
    try {
      digest = digest(Files.readAllBytes(certFile), Files.readAllBytes(keyFile));
    } catch (IOException e) {
      digest =
          new byte[0]; // missing for a moment while being replaced: reload() reports it if it lasts
    }
    if (!Arrays.equals(digest, lastTried)) {
      lastTried = digest;
      reload();
    }
  }

  private static Loaded load(Path certFile, Path keyFile) {
    byte[] certPem = read(certFile);
    byte[] keyPem = read(keyFile);
    List<X509Certificate> chain = PemFiles.readChain(certFile, certPem);
    PrivateKey key = PemFiles.readKey(keyFile, keyPem);
    if (!PemFiles.matches(key, chain.getFirst())) {
      throw new TlsException(
          "the private key in "
              + keyFile
              + " does not belong to the first certificate in "
              + certFile
              + " (the leaf must come first, as in Let's Encrypt's fullchain.pem)");
    }
    return new Loaded(context(key, chain), chain.getFirst(), digest(certPem, keyPem));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TlsException("cannot read " + file + ": " + e, e);
    }
  }

  // The JDK's TLS (Netty's OpenSSL binding is not a dependency); HTTP/1.1 only, so no ALPN.
  private static SslContext context(PrivateKey key, List<X509Certificate> chain) {
    try {
      return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (SSLException e) {
      throw new TlsException("cannot use the certificate: " + e.getMessage(), e);
    }
  }

  private static byte[] digest(byte[] certPem, byte[] keyPem) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(certPem);
      sha.update(keyPem);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The certificate's DNS names, in its order. */
  private List<String> names() {
    try {
      Collection<List<?>> alternatives = certificate().getSubjectAlternativeNames();
      if (alternatives == null) {
        return List.of();
      }
      return alternatives.stream()
          .filter(entry -> entry.get(0) instanceof Integer type && type == SUBJECT_ALT_NAME_DNS)
          .map(entry -> (String) entry.get(1))
          .toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
