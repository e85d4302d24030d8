package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials;
import dev.parley.config.ConfigLoader;
import dev.parley.config.TurnConfig;
import dev.parley.metrics.Metrics;
import dev.parley.net.Transport;
import dev.parley.stun.Data;
import dev.parley.stun.DontFragment;
import dev.parley.stun.MessageClass;
import dev.parley.stun.Method;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunMessage;
import dev.parley.stun.UnknownAttributes;
import dev.parley.stun.XorPeerAddress;
import dev.parley.testing.TestServer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DONT-FRAGMENT (RFC 8656 §7.2 step 4): with epoll the relay socket really has the DF bit set
 * (IP_MTU_DISCOVER read back from the kernel); a transport that cannot set it answers 420.
 */
@Timeout(30)
final class DontFragmentTest {
  private static final byte[] SECRET = TurnServers.SECRET.getBytes(StandardCharsets.UTF_8);
  private static TestServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("turn-allow-private-peers=true");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAllocationWithDontFragmentRelaysWithTheDfBitSet() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Epoll.isAvailable(), "the DF bit needs the epoll transport");
    try (TurnClient client = client(TurnServers.udp(server), "df");
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      StunMessage response =
          client.request(
              Method.ALLOCATE, new RequestedTransport(RequestedTransport.UDP), new DontFragment());
      assertThat(response.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
      assertThat(discoverMode(client)).isEqualTo(DontFragmentSockets.PMTUDISC_DO);

      InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
      client.request(Method.CREATE_PERMISSION, new XorPeerAddress(peerAddress));
      client.indicate(Method.SEND, new XorPeerAddress(peerAddress), new Data(new byte[] {1, 2, 3}));
      peer.setSoTimeout(5000);
      DatagramPacket received = new DatagramPacket(new byte[10], 10);
      peer.receive(received);
      assertThat(received.getLength()).isEqualTo(3);
    }
  }

  @Test
  void anAllocationWithoutItKeepsTheKernelDefault() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Epoll.isAvailable(), "reads the option through epoll");
    try (TurnClient client = client(TurnServers.udp(server), "no-df")) {
      client.allocate();
      assertThat(discoverMode(client)).isNotEqualTo(DontFragmentSockets.PMTUDISC_DO);
    }
  }

  @Test
  void aTransportThatCannotSetTheBitAnswers420() throws Exception {
    TurnConfig config = ConfigLoader.load(Map.of("turn-port", "0"), Map.of()).turn();
    Transport nio =
        new Transport(
            "nio",
            NioIoHandler.newFactory(),
            NioServerSocketChannel.class,
            NioDatagramChannel.class);
    MultiThreadIoEventLoopGroup group = nio.newGroup(1, "df-test");
    TurnServer plain =
        new TurnServer(
            config,
            List.of("127.0.0.1"),
            new TurnCredentials(SECRET, Clock.systemUTC()),
            SECRET,
            nio,
            group,
            group,
            new Metrics(),
            Clock.systemUTC());
    try (TurnClient client = client(bindAndGet(plain), "nio")) {
      StunMessage response =
          client.request(
              Method.ALLOCATE, new RequestedTransport(RequestedTransport.UDP), new DontFragment());
      assertThat(TurnClient.errorCode(response)).isEqualTo(420);
      assertThat(response.attribute(UnknownAttributes.class).orElseThrow().types())
          .containsExactly(new DontFragment().type());
      assertThat(plain.allocations()).isZero();
    } finally {
      plain.stop();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  private static InetSocketAddress bindAndGet(TurnServer turn) {
    turn.bind(true);
    return turn.udpAddresses().getFirst();
  }

  private static TurnClient client(InetSocketAddress address, String id) throws Exception {
    return new TurnClient(
        address, new TurnCredentials(SECRET, Clock.systemUTC()).issue(id, Duration.ofMinutes(5)));
  }

  /** IP_MTU_DISCOVER of the client's relay socket, as the kernel reports it. */
  private static int discoverMode(TurnClient client) {
    Allocation allocation =
        server
            .server()
            .turn()
            .allocationOf(
                new FiveTuple(
                    client.localAddress(), TurnServers.udp(server), FiveTuple.Protocol.UDP));
    return allocation.relays.getFirst().channel().config().getOption(DontFragmentSockets.IPV4);
  }
}
