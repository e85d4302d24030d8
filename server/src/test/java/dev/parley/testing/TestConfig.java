package dev.parley.testing;

import dev.parley.config.HttpConfig;
import dev.parley.config.LegacyConfig;
import dev.parley.config.LogConfig;
import dev.parley.config.ParleyConfig;
import dev.parley.config.SignalConfig;
import java.time.Duration;
import java.util.List;

/** The shipped defaults, listening on an ephemeral IPv4 loopback port as tests need. */
public final class TestConfig {
  private TestConfig() {}

  public static ParleyConfig defaults() {
    return new ParleyConfig(
        new HttpConfig(List.of("127.0.0.1"), 0, List.of(), 64, 64 * 1024, Duration.ofSeconds(10),
            Duration.ofSeconds(30), 1024 * 1024, Duration.ofSeconds(1), null),
        new SignalConfig(10_000, 16, 100, 200, Duration.ofSeconds(20), 256, 1024 * 1024, Duration.ofHours(24)),
        new LegacyConfig(true, Duration.ofMillis(300)),
        new LogConfig(LogConfig.Format.TEXT, "info"),
        "a-test-secret-that-is-at-least-32-characters-long");
  }
}
