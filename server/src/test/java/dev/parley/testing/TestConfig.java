package dev.parley.testing;

import dev.parley.config.ConfigLoader;
import dev.parley.config.ParleyConfig;
import java.util.Map;

/** The shipped defaults, except: an ephemeral IPv4 loopback port, a fixed secret, a short drain. */
public final class TestConfig {
  private TestConfig() {}

  public static ParleyConfig defaults() {
    return ConfigLoader.load(Map.of(
        "bind", "127.0.0.1",
        "port", "0",
        "secret", "a-test-secret-that-is-at-least-32-characters-long",
        "drain-timeout", "1s",
        // Off unless a test is about TURN: two servers cannot share the default port.
        "turn", "false"), Map.of());
  }
}
