package dev.parley.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.ice.Drop;
import dev.parley.ice.IceAgent;
import dev.parley.ice.IceTransport;
import dev.parley.srtp.SrtpContext;
import dev.parley.stun.MessageClass;
import dev.parley.testing.MediaClient;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DTLS-SRTP on the media port over real UDP: BC's DTLS client with use_srtp against the server's
 * endpoint.
 */
class DtlsSrtpTest {
  private static final String REMOTE_UFRAG = "brws";

  private TestServer server;
  private IceAgent agent;
  private DtlsEndpoint dtls;
  private MediaClient client;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("media-port=0");
    agent = server.server().media().ice();
    dtls = server.server().media().dtls();
    client = new MediaClient(new InetSocketAddress("127.0.0.1", agent.port()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** ICE first, as a browser does: a nominating check, so the server has a selected path. */
  private IceTransport connected() throws Exception {
    IceTransport transport = agent.newTransport(REMOTE_UFRAG);
    String username = transport.local().ufrag() + ":" + REMOTE_UFRAG;
    assertThat(
            client
                .request(MediaClient.check(username, transport.local().pwd(), true))
                .type()
                .messageClass())
        .isEqualTo(MessageClass.SUCCESS_RESPONSE);
    return transport;
  }

  @Test
  void bothSidesExportTheSameKeyingMaterialAndProfile() throws Exception {
    IceTransport transport = connected();
    DtlsSession session = dtls.accept(transport, client.fingerprint());

    SrtpKeyingMaterial clientKeys = client.handshake(dtls.fingerprint());
    SrtpKeyingMaterial serverKeys = session.keys().get(5, TimeUnit.SECONDS);

    assertThat(serverKeys).isEqualTo(clientKeys);
    // The client offered SHA1_80 first; the server prefers GCM and chooses.
    assertThat(serverKeys.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
    assertThat(serverKeys.clientKey()).isNotEqualTo(serverKeys.serverKey());
    assertThat(transport.isClosed()).isFalse();
  }

  @Test
  void theExportedKeysProtectRtpBetweenClientAndServer() throws Exception {
    IceTransport transport = connected();
    DtlsSession session = dtls.accept(transport, client.fingerprint());
    SrtpKeyingMaterial clientKeys = client.handshake(dtls.fingerprint());
    SrtpKeyingMaterial serverKeys = session.keys().get(5, TimeUnit.SECONDS);

    // What the client protects with its own keys, the server's receiving context opens; and the
    // other way round with the server's keys.
    byte[] rtp = HexFormat.of().parseHex("8060000100000960deadbeef" + "0102030405060708");
    SrtpContext clientSends =
        new SrtpContext(clientKeys.profile().srtp, clientKeys.clientKey(), clientKeys.clientSalt());
    SrtpContext clientReceives =
        new SrtpContext(clientKeys.profile().srtp, clientKeys.serverKey(), clientKeys.serverSalt());
    assertThat(roundTrip(rtp, clientSends, serverKeys.receiving())).isEqualTo(rtp);
    assertThat(roundTrip(rtp, serverKeys.sending(), clientReceives)).isEqualTo(rtp);
    SrtpContext clientSendsAgain =
        new SrtpContext(clientKeys.profile().srtp, clientKeys.clientKey(), clientKeys.clientSalt());
    assertThat(roundTrip(rtp, clientSendsAgain, serverKeys.sending()))
        .as("the server's own keys do not open what the client sent")
        .isNull();
  }

  /** Protects with one context and unprotects with the other; null if the second refuses. */
  private static byte[] roundTrip(byte[] rtp, SrtpContext protect, SrtpContext unprotect) {
    byte[] packet = Arrays.copyOf(rtp, rtp.length + protect.rtpOverhead());
    int length = protect.protectRtp(packet, 0, rtp.length);
    int opened = unprotect.unprotectRtp(packet, 0, length);
    return opened < 0 ? null : Arrays.copyOf(packet, opened);
  }

  @Test
  void aClientCertificateWithoutTheFingerprintOfItsSdpFailsTheHandshake() throws Exception {
    IceTransport transport = connected();
    DtlsSession session = dtls.accept(transport, DtlsIdentity.generate().fingerprint());

    assertThatThrownBy(() -> client.handshake(dtls.fingerprint())).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> session.keys().get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    await().atMost(Duration.ofSeconds(5)).until(transport::isClosed);
    assertThat(dtls.failedHandshakes()).isEqualTo(1);
  }

  @Test
  void aServerCertificateWithoutTheFingerprintOfOurSdpFailsTheHandshake() throws Exception {
    IceTransport transport = connected();
    DtlsSession session = dtls.accept(transport, client.fingerprint());

    assertThatThrownBy(() -> client.handshake(DtlsIdentity.generate().fingerprint()))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> session.keys().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void garbageIsDroppedAndCountedWithoutHarmToAnEstablishedTransport() throws Exception {
    IceTransport transport = connected();
    DtlsSession session = dtls.accept(transport, client.fingerprint());
    client.handshake(dtls.fingerprint());
    SrtpKeyingMaterial keys = session.keys().get(5, TimeUnit.SECONDS);

    byte[][] garbage = {
      {23, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, // not a DTLS version
      {
        22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0
      }, // length overruns the datagram
      {22, (byte) 0xFE}, // a truncated header
    };
    for (byte[] datagram : garbage) {
      client.send(datagram);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> dtls.garbage() == garbage.length);
    try (MediaClient flood = new MediaClient(new InetSocketAddress("127.0.0.1", agent.port()))) {
      for (int i = 0; i < 100; i++) {
        flood.send(MediaClient.check("nobody:" + REMOTE_UFRAG, "any-password-of-22-chars", false));
        flood.send(garbage[0]);
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  agent.dropped(Drop.UNKNOWN_UFRAG) == 100
                      && agent.dropped(Drop.UNSELECTED_ADDRESS) == 100);
    }

    assertThat(transport.isClosed()).isFalse();
    assertThat(transport.selectedAddress()).contains(client.localAddress());
    assertThat(session.keys().getNow(null)).isEqualTo(keys);
    String username = transport.local().ufrag() + ":" + REMOTE_UFRAG;
    assertThat(
            client
                .request(MediaClient.check(username, transport.local().pwd(), false))
                .type()
                .messageClass())
        .isEqualTo(MessageClass.SUCCESS_RESPONSE);
  }

  @Test
  void fingerprintsReadAndWriteTheSdpForm() {
    CertificateFingerprint fingerprint = dtls.fingerprint();
    assertThat(fingerprint.sdp()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(CertificateFingerprint.parse(fingerprint.sdp().toLowerCase()))
        .isEqualTo(fingerprint);
    assertThatThrownBy(() -> CertificateFingerprint.parse("sha-1 AB:CD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha-256");
    assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 AB:CD"))
        .hasMessageContaining("32 bytes");
  }
}
