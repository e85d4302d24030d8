package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.StreamFraming;
import dev.parley.stun.StunMessage;
import dev.parley.stun.TransactionId;
import dev.parley.stun.XorMappedAddress;
import dev.parley.testing.TestCertificates;
import dev.parley.testing.TestCertificates.Issued;
import dev.parley.testing.TestCertificates.KeyForm;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TURN over TLS ({@code turns:}) with the configured certificate. coturn's client relays through it
 * in {@link CoturnClientsTest}; here, what clients are told and a STUN exchange inside TLS.
 */
@Timeout(30)
final class TurnTlsTest {
  private final TestCertificates ca = new TestCertificates();
  @TempDir Path dir;

  @Test
  void welcomeListsTurnsWithTheCertificatesName() throws Exception {
    Issued files = ca.issue(dir, 1, KeyForm.PKCS8_RSA, "turn.example.test");
    try (TestServer server =
            TurnServers.start(
                "tls-cert=" + files.cert(), "tls-key=" + files.key(), "turn-tls-port=0");
        WsClient alice =
            WsClient.connect(
                URI.create("wss://127.0.0.1:" + server.port() + "/ws"), null, ca.httpClient())) {
      int port = server.server().turn().port();
      int tlsPort = server.server().turn().tlsAddresses().getFirst().getPort();

      JsonNode turn = alice.join("room", "Alice").get("iceServers").get(1);

      // The name the certificate is for, which a client checks it against; localhost is skipped.
      assertThat(texts(turn.get("urls")))
          .containsExactly(
              "turn:127.0.0.1:" + port + "?transport=udp",
              "turn:127.0.0.1:" + port + "?transport=tcp",
              "turns:turn.example.test:" + tlsPort + "?transport=tcp",
              "turns:turn.example.test:" + server.port() + "?transport=tcp");
    }
  }

  @Test
  void selfSignedTurnsUrlCarriesTheAddress() throws Exception {
    try (TestServer server = TurnServers.start("tls-self-signed=true", "turn-tls-port=0")) {
      HttpClient trusting =
          HttpClient.newBuilder()
              .sslContext(TestCertificates.trusting(server.server().certificate().certificate()))
              .build();
      int tlsPort = server.server().turn().tlsAddresses().getFirst().getPort();
      try (WsClient alice =
          WsClient.connect(
              URI.create("wss://127.0.0.1:" + server.port() + "/ws"), null, trusting)) {
        JsonNode turn = alice.join("room", "Alice").get("iceServers").get(1);

        assertThat(texts(turn.get("urls")))
            .contains("turns:127.0.0.1:" + tlsPort + "?transport=tcp");
      }
    }
  }

  @Test
  void stunBindingInsideTls() throws Exception {
    Issued files = ca.issue(dir, 1, KeyForm.SEC1_EC);
    try (TestServer server =
        TurnServers.start(
            "tls-cert=" + files.cert(), "tls-key=" + files.key(), "turn-tls-port=0")) {
      InetSocketAddress address = server.server().turn().tlsAddresses().getFirst();
      try (SSLSocket socket =
          (SSLSocket)
              ca.sslContext()
                  .getSocketFactory()
                  .createSocket(address.getAddress(), address.getPort())) {
        socket.setSoTimeout(5000);
        StunMessage request =
            new StunMessage(
                new MessageType(Method.BINDING, MessageClass.REQUEST),
                TransactionId.random(),
                List.of());
        socket.getOutputStream().write(request.withFingerprint().encode());

        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = in.readNBytes(4);
        int length = StreamFraming.nextFrameLength(ByteBuffer.wrap(header));
        StunMessage response =
            StunMessage.decode(
                ByteBuffer.allocate(length).put(header).put(in.readNBytes(length - 4)).array());

        assertThat(response.type())
            .isEqualTo(new MessageType(Method.BINDING, MessageClass.SUCCESS_RESPONSE));
        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        assertThat(response.attribute(XorMappedAddress.class).orElseThrow().address())
            .isEqualTo(socket.getLocalSocketAddress());
      }
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
