package dev.parley.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the config tests share. */
final class ConfigFixtures {
  /** Long enough for a secret or an admin key. */
  static final String SECRET_32 = "0123456789abcdef0123456789abcdef";

  private ConfigFixtures() {}

  /** A config file in {@code dir} with this text. */
  static Path yaml(Path dir, String text) throws IOException {
    return Files.writeString(dir.resolve("parley.yaml"), text);
  }
}
