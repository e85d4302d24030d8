package dev.parley.config;

/**
 * A setting Parley cannot use. The message is written for the person starting the server: it names
 * the setting and where its value came from, and reads on its own after {@code parley: }.
 */
public final class ConfigException extends RuntimeException {
  ConfigException(String message) {
    super(message);
  }
}
