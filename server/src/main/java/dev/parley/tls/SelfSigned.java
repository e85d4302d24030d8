package dev.parley.tls;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate for this machine signed by its own key, for {@code tls-self-signed}: browsers need
 * a secure context for the camera anywhere but localhost, and a LAN test has no real certificate.
 * It names every way a LAN browser might reach the machine.
 */
final class SelfSigned {
  // Browsers refuse server certificates valid for more than 398 days.
  private static final Duration VALIDITY = Duration.ofDays(90);

  record Pair(PrivateKey key, X509Certificate certificate) {}

  private SelfSigned() {}

  static Pair create() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=Parley self-signed");
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                  // An hour back, for clients whose clock runs a little behind.
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(VALIDITY)),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names()));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new Pair(keys.getPrivate(), certificate);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new TlsException("cannot make a self-signed certificate: " + e.getMessage(), e);
    }
  }

  /**
   * localhost, this machine's host name, the loopback addresses and every address of an interface
   * that is up.
   */
  private static GeneralName[] names() {
    Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
    try {
      dns.add(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      // A machine without a resolvable name is still reached by address.
    }
    Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
    for (InetAddress address : interfaceAddresses()) {
      // Link-local IPv6 addresses need a zone, which no URL a browser is given carries.
      if (!(address instanceof Inet6Address && address.isLinkLocalAddress())) {
        ips.add(address.getHostAddress().replaceFirst("%.*", ""));
      }
    }
    List<GeneralName> names = new ArrayList<>();
    dns.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
    ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return names.toArray(GeneralName[]::new);
  }

  private static List<InetAddress> interfaceAddresses() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(SelfSigned::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .toList();
    } catch (SocketException e) {
      return List.of();
    }
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp();
    } catch (SocketException e) {
      return false;
    }
  }
}
