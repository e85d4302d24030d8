package dev.parley.testing;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsIdentity;
import dev.parley.dtls.SrtpKeyingMaterial;
import dev.parley.dtls.SrtpProfile;
import dev.parley.stun.IceControlling;
import dev.parley.stun.IntegrityKeys;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.Priority;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunMessage;
import dev.parley.stun.TransactionId;
import dev.parley.stun.UseCandidate;
import dev.parley.stun.Username;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A browser's side of the media port, made of the server's own pieces: ICE checks built with the
 * stun codec, and BC's DTLS client with use_srtp and an identity of its own. One UDP socket on
 * loopback; a controlling full agent.
 */
public final class MediaClient implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 5000;

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final DtlsIdentity identity = DtlsIdentity.generate();

  public MediaClient(InetSocketAddress server) throws IOException {
    this.server = server;
    this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    socket.connect(server);
    socket.setSoTimeout(TIMEOUT_MILLIS);
  }

  /** This client's a=fingerprint. */
  public CertificateFingerprint fingerprint() {
    return identity.fingerprint();
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /**
   * A connectivity check as a browser sends it: USERNAME, PRIORITY, ICE-CONTROLLING, maybe
   * USE-CANDIDATE.
   */
  public static byte[] check(String username, String password, boolean nominate) {
    List<StunAttribute> attributes =
        new ArrayList<>(
            List.of(
                new Username(username),
                new Priority(1845501695L),
                new IceControlling(0x1234_5678_9abc_def0L)));
    if (nominate) {
      attributes.add(new UseCandidate());
    }
    return new StunMessage(
            new MessageType(Method.BINDING, MessageClass.REQUEST),
            TransactionId.random(),
            attributes)
        .withMessageIntegrity(IntegrityKeys.shortTerm(password))
        .withFingerprint()
        .encode();
  }

  public void send(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length));
  }

  /** Sends a datagram and decodes the STUN answer. */
  public StunMessage request(byte[] datagram) throws Exception {
    send(datagram);
    byte[] buffer = new byte[1500];
    DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
    socket.receive(answer);
    return StunMessage.decode(Arrays.copyOf(buffer, answer.getLength()));
  }

  /** The next datagram to arrive within the wait, or null. */
  public byte[] receive(int millis) throws IOException {
    socket.setSoTimeout(millis);
    byte[] buffer = new byte[1500];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(packet);
      return Arrays.copyOf(buffer, packet.getLength());
    } catch (SocketTimeoutException e) {
      return null;
    } finally {
      socket.setSoTimeout(TIMEOUT_MILLIS);
    }
  }

  /** Whether any datagram arrives within the wait. */
  public boolean receivesWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      socket.receive(new DatagramPacket(new byte[1500], 1500));
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      socket.setSoTimeout(TIMEOUT_MILLIS);
    }
  }

  /**
   * The DTLS client handshake over this socket, offering both profiles; returns what it exported.
   *
   * @param serverFingerprint what the server's SDP said; a certificate without it fails the
   *     handshake
   */
  public SrtpKeyingMaterial handshake(CertificateFingerprint serverFingerprint) throws IOException {
    Client client = new Client(serverFingerprint);
    new DTLSClientProtocol().connect(client, new UDPTransport(socket, 1500));
    return client.keys;
  }

  @Override
  public void close() {
    socket.close();
  }

  private final class Client extends DefaultTlsClient {
    private final CertificateFingerprint serverFingerprint;
    private SrtpProfile profile;
    private SrtpKeyingMaterial keys;

    Client(CertificateFingerprint serverFingerprint) {
      super(new BcTlsCrypto());
      this.serverFingerprint = serverFingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.DTLSv12.only();
    }

    @Override
    public int getHandshakeTimeoutMillis() {
      return TIMEOUT_MILLIS;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // bctls's raw Hashtable, filled through its helper
    public Hashtable getClientExtensions() throws IOException {
      Hashtable extensions = super.getClientExtensions();
      TlsSRTPUtils.addUseSRTPExtension(
          extensions,
          new UseSRTPData(
              new int[] {SrtpProfile.AES128_CM_HMAC_SHA1_80.id, SrtpProfile.AEAD_AES_128_GCM.id},
              TlsUtils.EMPTY_BYTES));
      return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes") // bctls's DtlsClient declares the raw Hashtable this overrides
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
      super.processServerExtensions(serverExtensions);
      UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
      profile = SrtpProfile.byId(chosen.getProtectionProfiles()[0]).orElseThrow();
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate certificate) throws IOException {
          if (!serverFingerprint.matches(
              certificate.getCertificate().getCertificateAt(0).getEncoded())) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
          }
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
          return identity.signer(context, (BcTlsCrypto) getCrypto());
        }
      };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      keys = SrtpKeyingMaterial.export(context, profile);
    }
  }

  @Override
  public String toString() {
    return "MediaClient[" + localAddress() + " -> " + server + "]";
  }
}
