package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.Data;
import dev.parley.stun.MessageClass;
import dev.parley.stun.Method;
import dev.parley.stun.StunMessage;
import dev.parley.stun.XorPeerAddress;
import dev.parley.testing.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * turn-max-bitrate: an allocation that sends faster than its cap loses the excess, in both
 * directions, and the drops are counted; another allocation under its cap meanwhile loses nothing.
 */
@Timeout(60)
final class BitrateCapTest {
  /**
   * 100 kbit/s: 12,500 bytes a second; the bucket holds 64 KiB, so a burst of 200 KB crosses it.
   */
  private static final int CAP = 100_000;

  private static final int BURST = 200;
  private static final int SIZE = 1000;
  private static TestServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("turn-allow-private-peers=true", "turn-max-bitrate=" + CAP);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void excessIsDroppedBothWaysAndAnotherAllocationIsUnaffected() throws Exception {
    try (TurnClient fast = client("fast");
        TurnClient calm = client("calm");
        DatagramSocket fastPeer = peer();
        DatagramSocket calmPeer = peer()) {
      InetSocketAddress fastRelay = fast.allocate();
      InetSocketAddress calmRelay = calm.allocate();
      permit(fast, fastPeer);
      permit(calm, calmPeer);

      // Client to peer.
      for (int i = 0; i < BURST; i++) {
        fast.indicate(Method.SEND, new XorPeerAddress(address(fastPeer)), new Data(new byte[SIZE]));
      }
      for (int i = 0; i < 5; i++) {
        calm.indicate(Method.SEND, new XorPeerAddress(address(calmPeer)), new Data(new byte[SIZE]));
      }
      assertThat(drain(fastPeer)).isPositive().isLessThan(BURST);
      assertThat(drain(calmPeer)).isEqualTo(5);

      // Peer to client.
      for (int i = 0; i < BURST; i++) {
        fastPeer.send(new DatagramPacket(new byte[SIZE], SIZE, fastRelay));
      }
      for (int i = 0; i < 5; i++) {
        calmPeer.send(new DatagramPacket(new byte[SIZE], SIZE, calmRelay));
      }
      assertThat(dataIndications(fast)).isPositive().isLessThan(BURST);
      assertThat(dataIndications(calm)).isEqualTo(5);

      String scrape = server.server().metrics().scrape();
      assertThat(counter(scrape, "to-peer")).isPositive();
      assertThat(counter(scrape, "to-client")).isPositive();
    }
  }

  private static TurnClient client(String id) throws Exception {
    return TurnServers.client(server, id);
  }

  private static DatagramSocket peer() throws Exception {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    socket.setReceiveBufferSize(1 << 20);
    socket.setSoTimeout(1000);
    return socket;
  }

  private static InetSocketAddress address(DatagramSocket socket) {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private static void permit(TurnClient client, DatagramSocket peer) throws Exception {
    StunMessage response =
        client.request(Method.CREATE_PERMISSION, new XorPeerAddress(address(peer)));
    assertThat(response.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
  }

  /** Datagrams that arrive until none has for a second. */
  private static int drain(DatagramSocket socket) throws Exception {
    int count = 0;
    byte[] buffer = new byte[2048];
    try {
      while (true) {
        socket.receive(new DatagramPacket(buffer, buffer.length));
        count++;
      }
    } catch (SocketTimeoutException e) {
      return count;
    }
  }

  private static int dataIndications(TurnClient client) throws Exception {
    int count = 0;
    while (!client.receivesNothing(1000)) {
      count++;
    }
    return count;
  }

  private static double counter(String scrape, String direction) {
    Matcher m =
        Pattern.compile(
                "parley_turn_throttled_packets_total\\{direction=\"" + direction + "\"} (\\S+)")
            .matcher(scrape);
    assertThat(m.find()).as("throttled counter for " + direction).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
