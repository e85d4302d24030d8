package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials;
import dev.parley.config.ConfigLoader;
import dev.parley.config.TurnConfig;
import dev.parley.metrics.Metrics;
import dev.parley.net.Transport;
import dev.parley.stun.Method;
import dev.parley.stun.XorPeerAddress;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lifetimes (RFC 8656 §7, §9) with an injected clock: nothing here waits for minutes. */
@Timeout(30)
final class ExpiryTest {
  private static final byte[] SECRET = TurnServers.SECRET.getBytes(StandardCharsets.UTF_8);
  private final MovableClock clock = new MovableClock();
  private MultiThreadIoEventLoopGroup group;
  private TurnServer server;

  @BeforeEach
  void start() throws Exception {
    TurnConfig config =
        ConfigLoader.load(Map.of("turn-port", "0", "turn-allow-private-peers", "true"), Map.of())
            .turn();
    Transport transport = Transport.best();
    group = transport.newGroup(1, "expiry-test");
    server =
        new TurnServer(
            config,
            List.of("127.0.0.1"),
            new TurnCredentials(SECRET, clock),
            SECRET,
            transport,
            group,
            group,
            new Metrics(),
            clock);
    server.bind(true);
  }

  @AfterEach
  void stop() {
    server.stop();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  private TurnClient client() throws Exception {
    return new TurnClient(
        server.udpAddresses().getFirst(),
        new TurnCredentials(SECRET, clock).issue("expiring", Duration.ofHours(1)));
  }

  @Test
  void anAllocationNotRefreshedExpiresAfterItsLifetime() throws Exception {
    try (TurnClient client = client()) {
      client.allocate();
      clock.advance(Duration.ofSeconds(599));
      assertThat(client.refresh(600).type().messageClass().name()).isEqualTo("SUCCESS_RESPONSE");
      clock.advance(Duration.ofSeconds(599));
      assertThat(server.allocations()).isEqualTo(1);

      clock.advance(Duration.ofSeconds(2));
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.allocations() == 0);
    }
  }

  @Test
  void aPermissionExpiresAfterFiveMinutes() throws Exception {
    try (TurnClient client = client();
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      InetSocketAddress relayed = client.allocate();
      client.request(
          Method.CREATE_PERMISSION,
          new XorPeerAddress((InetSocketAddress) peer.getLocalSocketAddress()));
      peer.send(new DatagramPacket(new byte[] {1}, 1, relayed));
      assertThat(client.receiveStun()).isNotNull();

      clock.advance(Duration.ofSeconds(301));
      peer.send(new DatagramPacket(new byte[] {2}, 1, relayed));
      assertThat(client.receivesNothing(300)).isTrue();
    }
  }

  @Test
  void anExpiredUsernameIsRefusedEvenMidCall() throws Exception {
    try (TurnClient client = client()) {
      client.allocate();
      clock.advance(Duration.ofHours(2));
      assertThat(TurnClient.errorCode(client.refresh(600))).isEqualTo(401);
    }
  }

  /** A clock tests move forward; read from event loops, so volatile. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
