package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.testing.TestServer;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TURN over TCP to the client, UDP to the peer (RFC 8656 §3.1); ChannelData padded on the stream.
 */
@Timeout(30)
final class TurnTcpTest {
  private static TestServer server;
  private static Credential credential;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("turn-allow-private-peers=true");
    credential =
        new TurnCredentials(TurnServers.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
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

      stream.relaysThroughAChannel(stream.allocate(credential), peer);

      assertThat(server.server().turn().allocations()).isEqualTo(before + 1);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> server.server().turn().allocations() == before);
  }
}
