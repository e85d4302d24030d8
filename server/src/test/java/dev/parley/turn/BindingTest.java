package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.Fingerprint;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.Software;
import dev.parley.stun.StreamFraming;
import dev.parley.stun.StunMessage;
import dev.parley.stun.TransactionId;
import dev.parley.stun.XorMappedAddress;
import dev.parley.testing.TestServer;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
final class BindingTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void udpBindingAnswersWithTheSourceAddress() throws Exception {
    try (TurnClient client = new TurnClient(TurnServers.udp(server), null)) {
      StunMessage response = client.requestUnsigned(Method.BINDING);

      assertThat(response.type())
          .isEqualTo(new MessageType(Method.BINDING, MessageClass.SUCCESS_RESPONSE));
      assertThat(response.attribute(XorMappedAddress.class).orElseThrow().address())
          .isEqualTo(client.localAddress());
      assertThat(response.attribute(Software.class)).isPresent();
      assertThat(response.hasValidFingerprint()).isTrue();
      // No amplifier: mapped address, a short SOFTWARE and FINGERPRINT, nothing more.
      assertThat(response.encode().length).isLessThanOrEqualTo(52);
      assertThat(response.attributes())
          .extracting(a -> (Object) a.getClass())
          .containsExactly(XorMappedAddress.class, Software.class, Fingerprint.class);
    }
  }

  @Test
  void tcpBindingAnswersWithTheSourceAddress() throws Exception {
    InetSocketAddress address = server.server().turn().tcpAddresses().getFirst();
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(5000);
      // Two requests in one write: the server must frame the stream, not the segments.
      StunMessage first = bindingRequest();
      StunMessage second = bindingRequest();
      byte[] a = first.encode();
      byte[] b = second.encode();
      socket
          .getOutputStream()
          .write(ByteBuffer.allocate(a.length + b.length).put(a).put(b).array());

      DataInputStream in = new DataInputStream(socket.getInputStream());
      for (StunMessage request : List.of(first, second)) {
        byte[] header = in.readNBytes(4);
        int length = StreamFraming.nextFrameLength(ByteBuffer.wrap(header));
        byte[] message =
            ByteBuffer.allocate(length).put(header).put(in.readNBytes(length - 4)).array();
        StunMessage response = StunMessage.decode(message);
        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        assertThat(response.attribute(XorMappedAddress.class).orElseThrow().address())
            .isEqualTo(socket.getLocalSocketAddress());
      }
    }
  }

  @Test
  void garbageIsIgnoredAndTheServerKeepsAnswering() throws Exception {
    try (TurnClient client = new TurnClient(TurnServers.udp(server), null)) {
      client.send(new byte[] {(byte) 0xFF, 1, 2, 3});
      client.send(new byte[] {0, 1, 0, 0});
      assertThat(client.receivesNothing(200)).isTrue();
      assertThat(client.requestUnsigned(Method.BINDING).type().messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);
    }
  }

  private static StunMessage bindingRequest() {
    return new StunMessage(
        new MessageType(Method.BINDING, MessageClass.REQUEST), TransactionId.random(), List.of());
  }
}
