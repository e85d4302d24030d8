package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.Bytes;
import dev.parley.stun.ChannelData;
import dev.parley.stun.ChannelNumber;
import dev.parley.stun.Data;
import dev.parley.stun.Lifetime;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.StunMessage;
import dev.parley.stun.XorPeerAddress;
import dev.parley.testing.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Allocate, permissions, channels and data both ways, against a UDP peer on loopback. */
@Timeout(30)
final class TurnRelayTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("turn-allow-private-peers=true", "turn-relay-ports=50000-50999");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static TurnClient client(String id) throws Exception {
    return TurnServers.client(server, id);
  }

  @Test
  void allocateGivesARelayedAddressInTheRange() throws Exception {
    try (TurnClient client = client("alice")) {
      StunMessage challenge =
          client.requestUnsigned(Method.ALLOCATE, new dev.parley.stun.RequestedTransport(17));
      assertThat(TurnClient.errorCode(challenge)).isEqualTo(401);

      InetSocketAddress relayed = client.allocate();

      assertThat(relayed.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(relayed.getPort()).isBetween(50000, 50999);
      assertThat(server.server().turn().allocations()).isPositive();
    }
  }

  @Test
  void successResponsesAreSignedWithTheLongTermKey() throws Exception {
    try (TurnClient client = client("carol")) {
      client.allocate();
      StunMessage refreshed = client.refresh(900);

      assertThat(refreshed.type())
          .isEqualTo(new MessageType(Method.REFRESH, MessageClass.SUCCESS_RESPONSE));
      assertThat(refreshed.hasValidMessageIntegrity(client.key())).isTrue();
      assertThat(refreshed.attribute(Lifetime.class).orElseThrow().seconds()).isEqualTo(900);
      assertThat(client.refresh(100_000).attribute(Lifetime.class).orElseThrow().seconds())
          .isEqualTo(3600);
    }
  }

  @Test
  void sendAndDataIndicationsRelayBothWays() throws Exception {
    try (TurnClient client = client("bob");
        DatagramSocket peer = peer()) {
      InetSocketAddress relayed = client.allocate();
      InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
      assertThat(
              client
                  .request(Method.CREATE_PERMISSION, new XorPeerAddress(peerAddress))
                  .type()
                  .messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);

      client.indicate(Method.SEND, new XorPeerAddress(peerAddress), new Data(bytes("to the peer")));
      DatagramPacket received = receive(peer);
      assertThat(text(received)).isEqualTo("to the peer");
      assertThat(received.getSocketAddress()).isEqualTo(relayed);

      peer.send(new DatagramPacket(bytes("to the client"), 13, relayed));
      StunMessage indication = client.receiveStun();
      assertThat(indication.type())
          .isEqualTo(new MessageType(Method.DATA, MessageClass.INDICATION));
      assertThat(indication.attribute(XorPeerAddress.class).orElseThrow().address())
          .isEqualTo(peerAddress);
      assertThat(indication.attribute(Data.class).orElseThrow().payload())
          .isEqualTo(Bytes.copyOf(bytes("to the client")));
    }
  }

  @Test
  void channelDataRelaysBothWays() throws Exception {
    try (TurnClient client = client("dave");
        DatagramSocket peer = peer()) {
      InetSocketAddress relayed = client.allocate();
      InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
      StunMessage bound =
          client.request(
              Method.CHANNEL_BIND, new ChannelNumber(0x4001), new XorPeerAddress(peerAddress));
      assertThat(bound.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);

      client.send(new ChannelData(0x4001, bytes("over a channel")).encode());
      assertThat(text(receive(peer))).isEqualTo("over a channel");

      peer.send(new DatagramPacket(bytes("back"), 4, relayed));
      ChannelData back = client.receiveChannelData();
      assertThat(back.channelNumber()).isEqualTo(0x4001);
      assertThat(back.data()).isEqualTo(Bytes.copyOf(bytes("back")));
    }
  }

  @Test
  void aBurstFromThePeerArrivesWhole() throws Exception {
    try (TurnClient client = client("grace");
        DatagramSocket peer = peer()) {
      InetSocketAddress relayed = allocateWithChannelTo(client, peer, 0x4003);

      for (int i = 0; i < 100; i++) {
        peer.send(new DatagramPacket(bytes("burst " + i), ("burst " + i).length(), relayed));
      }
      for (int i = 0; i < 100; i++) {
        assertThat(client.receiveChannelData().data()).isEqualTo(Bytes.copyOf(bytes("burst " + i)));
      }
    }
  }

  @Test
  void metricsCountAllocationsAndRelayedTraffic() throws Exception {
    try (TurnClient client = client("metrics");
        DatagramSocket peer = peer()) {
      InetSocketAddress relayed = allocateWithChannelTo(client, peer, 0x4002);
      client.send(new ChannelData(0x4002, bytes("12345")).encode());
      receive(peer);
      peer.send(new DatagramPacket(bytes("123"), 3, relayed));
      client.receiveChannelData();

      String scrape = server.server().metrics().scrape();
      assertThat(scrape)
          .containsPattern("parley_turn_allocations [1-9]")
          .containsPattern("parley_turn_channels [1-9]")
          .containsPattern("parley_turn_permissions [1-9]")
          .containsPattern("parley_turn_relayed_packets_total\\{direction=\"to-peer\"} [1-9]")
          .containsPattern("parley_turn_relayed_bytes_total\\{direction=\"to-client\"} [1-9]")
          .contains("parley_turn_refusals_total{code=\"401\"}");
    }
  }

  @Test
  void peersWithoutPermissionAreNotHeard() throws Exception {
    try (TurnClient client = client("erin");
        DatagramSocket peer = peer()) {
      InetSocketAddress relayed = client.allocate();
      peer.send(new DatagramPacket(bytes("unsolicited"), 11, relayed));
      assertThat(client.receivesNothing(300)).isTrue();
    }
  }

  @Test
  void refreshWithLifetimeZeroDeletesTheAllocation() throws Exception {
    try (TurnClient client = client("frank");
        DatagramSocket peer = peer()) {
      client.allocate();
      assertThat(client.refresh(0).attribute(Lifetime.class).orElseThrow().seconds()).isZero();

      StunMessage afterwards =
          client.request(
              Method.CREATE_PERMISSION,
              new XorPeerAddress((InetSocketAddress) peer.getLocalSocketAddress()));
      assertThat(TurnClient.errorCode(afterwards)).isEqualTo(437);
      // The 5-tuple is free again.
      client.allocate();
    }
  }

  /** Allocates, binds {@code channel} to the peer, and returns the relayed address. */
  private static InetSocketAddress allocateWithChannelTo(
      TurnClient client, DatagramSocket peer, int channel) throws Exception {
    InetSocketAddress relayed = client.allocate();
    client.request(
        Method.CHANNEL_BIND,
        new ChannelNumber(channel),
        new XorPeerAddress((InetSocketAddress) peer.getLocalSocketAddress()));
    return relayed;
  }

  private static DatagramSocket peer() throws Exception {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    socket.setSoTimeout(5000);
    return socket;
  }

  private static DatagramPacket receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    socket.receive(packet);
    return packet;
  }

  private static String text(DatagramPacket packet) {
    return new String(Arrays.copyOf(packet.getData(), packet.getLength()), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
