package dev.parley.dtls;

import dev.parley.srtp.KeyingMaterial;
import dev.parley.srtp.SrtpContext;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;

/**
 * What a DTLS-SRTP handshake yields for SRTP (RFC 5764 §4.2): the negotiated profile and the master
 * keys and salts of each direction. The client's protect what the client sends.
 */
public record SrtpKeyingMaterial(
    SrtpProfile profile, byte[] clientKey, byte[] clientSalt, byte[] serverKey, byte[] serverSalt) {
  public SrtpKeyingMaterial {
    Objects.requireNonNull(profile, "profile");
    requireLength("client key", clientKey, profile.srtp.keyLength);
    requireLength("server key", serverKey, profile.srtp.keyLength);
    requireLength("client salt", clientSalt, profile.srtp.saltLength);
    requireLength("server salt", serverSalt, profile.srtp.saltLength);
    clientKey = clientKey.clone();
    clientSalt = clientSalt.clone();
    serverKey = serverKey.clone();
    serverSalt = serverSalt.clone();
  }

  /**
   * Exports "EXTRACTOR-dtls_srtp" from a completed handshake and splits it as RFC 5764 §4.2 lays it
   * out: client key, server key, client salt, server salt.
   */
  public static SrtpKeyingMaterial export(TlsContext context, SrtpProfile profile) {
    int key = profile.srtp.keyLength;
    int salt = profile.srtp.saltLength;
    byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (key + salt));
    KeyingMaterial split = KeyingMaterial.split(material, key, salt);
    return new SrtpKeyingMaterial(
        profile, split.clientKey(), split.clientSalt(), split.serverKey(), split.serverSalt());
  }

  /**
   * For the DTLS server, which the SFU is: the context that unprotects what the client sends (the
   * client's keys). A context is used by one thread: the transport's.
   */
  public SrtpContext receiving() {
    return new SrtpContext(profile.srtp, clientKey, clientSalt);
  }

  /** For the DTLS server: the context that protects what it sends the client (its own keys). */
  public SrtpContext sending() {
    return new SrtpContext(profile.srtp, serverKey, serverSalt);
  }

  private static void requireLength(String what, byte[] bytes, int length) {
    if (bytes.length != length) {
      throw new IllegalArgumentException(what + " is " + length + " bytes, not " + bytes.length);
    }
  }

  @Override
  public byte[] clientKey() {
    return clientKey.clone();
  }

  @Override
  public byte[] clientSalt() {
    return clientSalt.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }

  @Override
  public byte[] serverSalt() {
    return serverSalt.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SrtpKeyingMaterial other
        && profile == other.profile
        && Arrays.equals(clientKey, other.clientKey)
        && Arrays.equals(clientSalt, other.clientSalt)
        && Arrays.equals(serverKey, other.serverKey)
        && Arrays.equals(serverSalt, other.serverSalt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(profile, Arrays.hashCode(clientKey), Arrays.hashCode(serverKey));
  }

  @Override
  public String toString() {
    return "SrtpKeyingMaterial[" + profile + "]"; // never the keys
  }
}
