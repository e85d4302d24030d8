package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.stun.Lifetime;
import dev.parley.stun.MessageClass;
import dev.parley.stun.Method;
import dev.parley.stun.StunMessage;
import dev.parley.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * turn-tcp-allocate-timeout: a TCP connection without an allocation is closed; one with an
 * allocation stays.
 */
@Timeout(30)
final class TcpAllocateTimeoutTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("turn-tcp-allocate-timeout=1s");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSilentConnectionIsClosed() throws Exception {
    try (Socket socket = connect()) {
      socket.setSoTimeout(15_000);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(server.server().metrics().scrape())
        .containsPattern("parley_turn_tcp_unallocated_closed_total [1-9]");
  }

  @Test
  void answeredBindingsDoNotKeepAConnectionOpen() throws Exception {
    try (Socket socket = connect()) {
      socket.setSoTimeout(15_000);
      StunMessage bound = new TcpStream(socket).request(Method.BINDING, null);
      assertThat(bound.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void aConnectionWithAnAllocationOutlivesTheTimeout() throws Exception {
    Credential credential =
        new TurnCredentials(TurnServers.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
            .issue("tcp-keeper", Duration.ofMinutes(5));
    try (Socket socket = connect()) {
      socket.setSoTimeout(5000);
      TcpStream stream = new TcpStream(socket);
      TcpStream.Allocated allocation = stream.allocate(credential);

      Thread.sleep(2500);

      assertThat(
              stream
                  .request(Method.REFRESH, allocation.key(), allocation.auth(), new Lifetime(600))
                  .type()
                  .messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);
    }
  }

  private static Socket connect() throws Exception {
    InetSocketAddress address = server.server().turn().tcpAddresses().getFirst();
    return new Socket(address.getAddress(), address.getPort());
  }
}
