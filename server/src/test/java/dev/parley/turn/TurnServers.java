package dev.parley.turn;

import dev.parley.config.ConfigLoader;
import dev.parley.config.ParleyConfig;
import dev.parley.testing.TestServer;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/** A Parley with TURN on an ephemeral loopback port, and settings a test wants changed. */
final class TurnServers {
  static final String SECRET = "a-test-secret-that-is-at-least-32-characters-long";

  private TurnServers() {}

  /** @param settings extra settings by key, e.g. {@code turn-allow-private-peers=true} */
  static TestServer start(String... settings) throws InterruptedException {
    Map<String, String> flags = new HashMap<>(Map.of(
        "bind", "127.0.0.1",
        "port", "0",
        "secret", SECRET,
        "drain-timeout", "0s",
        "turn-port", "0"));
    for (String setting : settings) {
      String[] kv = setting.split("=", 2);
      flags.put(kv[0], kv[1]);
    }
    ParleyConfig config = ConfigLoader.load(flags, Map.of());
    return TestServer.start(ignored -> config);
  }

  static InetSocketAddress udp(TestServer server) {
    return server.server().turn().udpAddresses().getFirst();
  }
}
