package dev.parley.config;

import static dev.parley.config.AuthSettings.*;
import static dev.parley.config.ClusterSettings.*;
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

/** Unknown keys and variables, answered with the closest setting. */
final class SuggestionsTest {
  @TempDir Path dir;

  @Test
  void unknownYamlKeySuggestsTheClosest() throws IOException {
    Path file = yaml(dir, "max-peer-per-room: 4\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "unknown setting \"max-peer-per-room\" in "
                + file
                + " (did you mean max-peers-per-room?)");
  }

  @Test
  void unknownYamlKeyInAnotherCaseStyle() throws IOException {
    Path file = yaml(dir, "maxPeersPerRoom: 4\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage(
            "unknown setting \"maxPeersPerRoom\" in "
                + file
                + " (did you mean max-peers-per-room?)");
  }

  @Test
  void unknownYamlKeyWithNothingClose() throws IOException {
    Path file = yaml(dir, "colour: red\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .hasMessage("unknown setting \"colour\" in " + file);
  }

  @Test
  void unknownVariableSuggestsTheClosest() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_MAX_PEER_PER_ROOM", "4")))
        .hasMessage(
            "unknown environment variable PARLEY_MAX_PEER_PER_ROOM (did you mean PARLEY_MAX_PEERS_PER_ROOM?)");
  }

  @Test
  void unknownVariableWithNothingClose() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("PARLEY_HOME", "/opt/parley")))
        .hasMessage(
            "unknown environment variable PARLEY_HOME (every PARLEY_* variable must be a setting; "
                + "see parley --help)");
  }

  @Test
  void closestIgnoresCaseStyleAndSmallTypos() {
    assertThat(Suggestions.closest("LOG_LEVEL")).contains(LOG_LEVEL);
    assertThat(Suggestions.closest("lgo-level")).contains(LOG_LEVEL);
    assertThat(Suggestions.closest("idleTimeout")).contains(IDLE_TIMEOUT);
    assertThat(Suggestions.closest("host")).isEmpty();
  }
}
