package dev.parley.turn;

import dev.parley.auth.TurnCredentials;
import dev.parley.testing.TestConfig;
import dev.parley.testing.TestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Parley with TURN on an ephemeral loopback port, and settings a test wants changed. */
final class TurnServers {
  static final String SECRET = TestConfig.SECRET;

  private TurnServers() {}

  /**
   * @param settings extra settings by key, e.g. {@code turn-allow-private-peers=true}
   */
  static TestServer start(String... settings) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of("turn=true", "turn-port=0", "drain-timeout=0s"));
    all.addAll(List.of(settings));
    return TestServer.start(all.toArray(String[]::new));
  }

  static InetSocketAddress udp(TestServer server) {
    return server.server().turn().udpAddresses().getFirst();
  }

  /** A client of the server's UDP port, with credentials for {@code id} valid for 5 minutes. */
  static TurnClient client(TestServer server, String id) throws Exception {
    TurnCredentials credentials =
        new TurnCredentials(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    return new TurnClient(udp(server), credentials.issue(id, Duration.ofMinutes(5)));
  }
}
