package dev.parley.config;

import java.util.List;
import java.util.Locale;

/** The settings of logging (LogConfig); {@link Setting#all()} lists every area's. */
public final class LogSettings {
  public static final Setting<LogConfig.Format> LOG_FORMAT =
      new Setting<>(
          "log-format",
          "text",
          "text for people, json for log collectors (one object per line)",
          Parser.oneOf(
              List.of("text", "json"),
              word -> LogConfig.Format.valueOf(word.toUpperCase(Locale.ROOT))));
  public static final Setting<String> LOG_LEVEL =
      new Setting<>(
          "log-level",
          "info",
          "how much Parley logs: trace, debug, info, warn or error",
          Parser.oneOf(List.of("trace", "debug", "info", "warn", "error"), word -> word));

  private LogSettings() {}
}
