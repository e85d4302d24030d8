package dev.parley.testing;

import dev.parley.config.ConfigLoader;
import dev.parley.config.ParleyConfig;
import java.util.HashMap;
import java.util.Map;

/** The shipped defaults, except: ephemeral IPv4 loopback ports, a fixed secret, a short drain. */
public final class TestConfig {
  /** The secret every test server signs with, so that a test can issue what the server checks. */
  public static final String SECRET = "a-test-secret-that-is-at-least-32-characters-long";

  private TestConfig() {}

  public static ParleyConfig defaults() {
    return with();
  }

  /**
   * The defaults with some settings changed, each as {@code key=value} (as a flag would give it).
   */
  public static ParleyConfig with(String... settings) {
    Map<String, String> flags =
        new HashMap<>(
            Map.of(
                "bind", "127.0.0.1",
                "port", "0",
                "secret", SECRET,
                "drain-timeout", "1s",
                // Any free port: many servers run at once, and the default is a fixed one.
                "media-port", "0",
                // Off unless a test is about TURN: two servers cannot share the default port.
                "turn", "false"));
    for (String setting : settings) {
      String[] keyValue = setting.split("=", 2);
      flags.put(keyValue[0], keyValue[1]);
    }
    return ConfigLoader.load(flags, Map.of());
  }
}
