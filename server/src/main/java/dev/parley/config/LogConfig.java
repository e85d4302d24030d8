package dev.parley.config;

/** Logging: {@code level} is a Logback level name for Parley's own loggers. */
public record LogConfig(Format format, String level) {
  public enum Format {
    TEXT,
    JSON
  }
}
