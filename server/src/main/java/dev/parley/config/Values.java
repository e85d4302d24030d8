package dev.parley.config;

import java.util.HashMap;
import java.util.Map;

/** The value of each setting so far, with its source; a later {@link #put} overrides. */
final class Values {
  /**
   * @param source {@code null} for the default
   */
  record Resolved<T>(T value, String source) {}

  private final Map<Setting<?>, Resolved<?>> resolved = new HashMap<>();

  void put(Given given) {
    store(given.setting(), given);
  }

  private <T> void store(Setting<T> setting, Given given) {
    resolved.put(setting, new Resolved<>(parse(setting, given), given.source()));
  }

  @SuppressWarnings("unchecked") // store() keeps only what the setting's own parser returned
  <T> Resolved<T> resolved(Setting<T> setting) {
    return (Resolved<T>) resolved.get(setting);
  }

  /**
   * @return {@code null} for a setting with no default that no source set
   */
  <T> T get(Setting<T> setting) {
    Resolved<T> r = resolved(setting);
    return r == null ? null : r.value();
  }

  /**
   * @throws ConfigException naming the setting and where the text it cannot read came from
   */
  static <T> T parse(Setting<T> setting, Given given) {
    try {
      return setting.parser().apply(given.text());
    } catch (Parser.Invalid e) {
      String value = setting.sensitive() ? "" : " \"" + given.text() + "\"";
      String source = given.source() == null ? "default" : given.source();
      throw new ConfigException(
          "invalid value"
              + value
              + " for "
              + setting.key()
              + " (from "
              + source
              + "): expected "
              + e.getMessage());
    }
  }
}
