package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.testing.TestServer;
import dev.parley.turn.stun.ChannelData;
import dev.parley.turn.stun.ChannelNumber;
import dev.parley.turn.stun.IntegrityKeys;
import dev.parley.turn.stun.MessageClass;
import dev.parley.turn.stun.Method;
import dev.parley.turn.stun.Nonce;
import dev.parley.turn.stun.Realm;
import dev.parley.turn.stun.RequestedTransport;
import dev.parley.turn.stun.StunAttribute;
import dev.parley.turn.stun.StunMessage;
import dev.parley.turn.stun.Username;
import dev.parley.turn.stun.XorPeerAddress;
import dev.parley.turn.stun.XorRelayedAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TURN over TCP to the client, UDP to the peer (RFC 8656 §3.1); ChannelData padded on the stream. */
@Timeout(30)
final class TurnTcpTest {
  private static TestServer server;
  private static Credential credential;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("turn-allow-private-peers=true");
    credential = new TurnCredentials(TurnServers.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
        .issue("tcp-user", Duration.ofMinutes(5));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void relaysChannelDataOverTcpAndClosingTheConnectionDeletesTheAllocation() throws Exception {
    InetSocketAddress address = server.server().turn().tcpAddresses().getFirst();
    int before = server.server().turn().allocations();
    try (Socket socket = new Socket(address.getAddress(), address.getPort());
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(5000);
      peer.setSoTimeout(5000);
      TcpStream stream = new TcpStream(socket);
      StunMessage challenge = stream.request(Method.ALLOCATE, null, new RequestedTransport(17));
      String realm = challenge.attribute(Realm.class).orElseThrow().value();
      String nonce = challenge.attribute(Nonce.class).orElseThrow().value();
      byte[] key = IntegrityKeys.longTerm(credential.username(), realm, credential.password());
      List<StunAttribute> auth = List.of(new Username(credential.username()), new Realm(realm), new Nonce(nonce));

      StunMessage allocated = stream.request(Method.ALLOCATE, key, auth, new RequestedTransport(17));
      InetSocketAddress relayed = allocated.attribute(XorRelayedAddress.class).orElseThrow().address();
      InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
      StunMessage bound = stream.request(Method.CHANNEL_BIND, key, auth, new ChannelNumber(0x4ABC),
          new XorPeerAddress(peerAddress));
      assertThat(bound.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);

      // 5 bytes of data: the frame is padded to 12 on the stream.
      socket.getOutputStream().write(new ChannelData(0x4ABC, "hello".getBytes(StandardCharsets.UTF_8)).encodePadded());
      DatagramPacket received = new DatagramPacket(new byte[100], 100);
      peer.receive(received);
      assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.UTF_8)).isEqualTo("hello");

      peer.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, relayed));
      byte[] frame = stream.nextFrame();
      assertThat(frame).hasSize(8);
      assertThat(ChannelData.decode(frame).data()).containsExactly(1, 2, 3);
      assertThat(server.server().turn().allocations()).isEqualTo(before + 1);
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.server().turn().allocations() == before);
  }
}
