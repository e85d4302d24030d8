package dev.parley.config;

import static dev.parley.config.AuthSettings.*;
import static dev.parley.config.ClusterSettings.*;
import static dev.parley.config.ConfigFixtures.SECRET_32;
import static dev.parley.config.ConfigFixtures.yaml;
import static dev.parley.config.LogSettings.*;
import static dev.parley.config.MediaSettings.*;
import static dev.parley.config.ServerSettings.*;
import static dev.parley.config.SignalSettings.*;
import static dev.parley.config.TlsSettings.*;
import static dev.parley.config.TurnSettings.*;
import static dev.parley.config.WebhookSettings.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values and files that cannot be used: the error messages verbatim, as they are the whole user
 * interface of a mistake.
 */
final class ConfigErrorsTest {
  @TempDir Path dir;

  @Test
  void notANumber() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of(), Map.of("PARLEY_MAX_PEERS_PER_ROOM", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value \"abc\" for max-peers-per-room (from PARLEY_MAX_PEERS_PER_ROOM): "
                + "expected a whole number");
  }

  @Test
  void numberBelowItsMinimum() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("max-peers-per-room", "1"), Map.of()))
        .hasMessage(
            "invalid value \"1\" for max-peers-per-room (from --max-peers-per-room): "
                + "expected a whole number of at least 2");
  }

  @Test
  void portOutOfRangeInTheFile() throws IOException {
    Path file = yaml(dir, "port: 70000\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "invalid value \"70000\" for port (from "
                + file
                + "): expected a whole number from 0 to 65535");
  }

  @Test
  void durationWithoutUnit() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("ping-interval", "20"), Map.of()))
        .hasMessage(
            "invalid value \"20\" for ping-interval (from --ping-interval): "
                + "expected a duration such as 500ms, 20s, 5m, 1h, 1d or PT20S");
  }

  @Test
  void sizeWithDecimalUnit() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_MAX_FRAME_BYTES", "64KB")))
        .hasMessage(
            "invalid value \"64KB\" for max-frame-bytes (from PARLEY_MAX_FRAME_BYTES): "
                + "expected a size such as 65536, 64KiB or 1MiB");
  }

  @Test
  void sizeOutOfRange() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("max-frame-bytes", "32MiB"), Map.of()))
        .hasMessage(
            "invalid value \"32MiB\" for max-frame-bytes (from --max-frame-bytes): "
                + "expected a size from 1KiB to 16MiB");
  }

  @Test
  void notABoolean() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("legacy", "maybe"), Map.of()))
        .hasMessage(
            "invalid value \"maybe\" for legacy (from --legacy): expected true or false (or yes/no, on/off)");
  }

  @Test
  void unknownLogFormat() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_LOG_FORMAT", "xml")))
        .hasMessage(
            "invalid value \"xml\" for log-format (from PARLEY_LOG_FORMAT): expected one of text, json");
  }

  @Test
  void shortSecretIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_SECRET", "hunter")))
        .hasMessage(
            "invalid value for secret (from PARLEY_SECRET): expected at least 32 characters, got 6");
  }

  @Test
  void shortAdminKeyIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("admin-key", "letmein"), Map.of()))
        .hasMessage(
            "invalid value for admin-key (from --admin-key): expected at least 32 characters, got 7");
  }

  @Test
  void tokenAuthNeedsASecret() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_AUTH", "token")))
        .hasMessage(
            "auth (token from PARLEY_AUTH) needs secret: access tokens are signed with it by your"
                + " application's backend, so it must be the same on both sides");
    assertThat(
            ConfigLoader.load(Map.of("auth", "token", "secret", SECRET_32), Map.of()).auth().mode())
        .isEqualTo(AuthConfig.Mode.TOKEN);
  }

  @Test
  void originWithPath() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("allowed-origins", "https://example.com/"), Map.of()))
        .hasMessage(
            "invalid value \"https://example.com/\" for allowed-origins (from --allowed-origins): "
                + "expected origins such as https://example.com (scheme, host and port only) or *");
  }

  @Test
  void bindWithPort() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("bind", "0.0.0.0:8080"), Map.of()))
        .hasMessage(
            "invalid value \"0.0.0.0:8080\" for bind (from --bind): "
                + "expected host names or IP addresses, comma separated, without a port");
  }

  @Test
  void emptyBind() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_BIND", "")))
        .hasMessage(
            "invalid value \"\" for bind (from PARLEY_BIND): expected at least one host name or IP address");
  }

  @Test
  void webRootThatDoesNotExist() {
    Path missing = dir.resolve("www");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("web-root", missing.toString()), Map.of()))
        .hasMessage(
            "invalid value \""
                + missing
                + "\" for web-root (from --web-root): expected a directory that exists");
  }

  @Test
  void sequenceWhereAScalarBelongs() throws IOException {
    Path file = yaml(dir, "port: [1, 2]\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "invalid value \"[1,2]\" for port (from " + file + "): expected a whole number");
  }

  @Test
  void badValueIsReportedEvenWhenOverridden() throws IOException {
    Path file = yaml(dir, "port: eighty\n");

    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("config", file.toString(), "port", "80"), Map.of()))
        .hasMessage(
            "invalid value \"eighty\" for port (from " + file + "): expected a whole number");
  }

  @Test
  void nestedSectionsAreNotSettings() throws IOException {
    Path file = yaml(dir, "http:\n  port: 8080\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage("unknown setting \"http\" in " + file);
  }

  @Test
  void configInsideTheConfigFile() throws IOException {
    Path file = yaml(dir, "config: other.yaml\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "config cannot be set inside a config file ("
                + file
                + "); give it as --config or PARLEY_CONFIG");
  }

  @Test
  void duplicateYamlKey() throws IOException {
    Path file = yaml(dir, "port: 1\nport: 2\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessageStartingWith("cannot parse config file " + file + ": Duplicate field 'port'");
  }

  @Test
  void fileThatIsNotAMapping() throws IOException {
    Path file = yaml(dir, "- port\n- 8080\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "config file " + file + " must be a mapping of settings to values, such as port: 8080");
  }
}
