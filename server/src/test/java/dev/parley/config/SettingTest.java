package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

final class SettingTest {
  // Surefire runs in the module directory; the docs live at the repository root.
  private static final Path DOCS = Path.of("..", "docs", "configuration.md");

  @Test
  void namesFollowTheKey() {
    assertThat(SignalSettings.MAX_PEERS_PER_ROOM.key()).isEqualTo("max-peers-per-room");
    assertThat(SignalSettings.MAX_PEERS_PER_ROOM.flag()).isEqualTo("--max-peers-per-room");
    assertThat(SignalSettings.MAX_PEERS_PER_ROOM.envName()).isEqualTo("PARLEY_MAX_PEERS_PER_ROOM");
    assertThat(ServerSettings.ALLOWED_ORIGINS.defaultText()).isEqualTo("none");
    assertThat(ServerSettings.MAX_FRAME_BYTES.defaultText()).isEqualTo("64KiB");
  }

  @Test
  void allHoldsEverySettingOnce() throws IllegalAccessException {
    List<Setting<?>> declared = new ArrayList<>();
    for (Class<?> area :
        List.of(
            ServerSettings.class,
            SignalSettings.class,
            TlsSettings.class,
            TurnSettings.class,
            MediaSettings.class,
            ClusterSettings.class,
            LogSettings.class,
            AuthSettings.class,
            WebhookSettings.class)) {
      for (Field field : area.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
          declared.add((Setting<?>) field.get(null));
        }
      }
    }

    assertThat(Setting.all()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(declared);
    assertThat(Setting.all().stream().map(Setting::key)).doesNotHaveDuplicates();
  }

  @Test
  void docsTableRowForEverySetting() throws IOException {
    List<String> lines = Files.readAllLines(DOCS);
    SoftAssertions softly = new SoftAssertions();
    for (Setting<?> setting : Setting.all()) {
      Optional<String> row =
          lines.stream().filter(line -> line.startsWith("| `" + setting.key() + "` |")).findFirst();
      softly.assertThat(row).as("row for %s in %s", setting.key(), DOCS).isPresent();
      row.ifPresent(
          r -> {
            // | key | flag | environment | default | meaning |
            List<String> cells = Arrays.stream(r.split("\\|")).map(String::strip).toList();
            softly
                .assertThat(cells.get(2))
                .as("flag of %s", setting.key())
                .startsWith("`" + setting.flag() + "`");
            softly
                .assertThat(cells.get(3))
                .as("variable of %s", setting.key())
                .isEqualTo("`" + setting.envName() + "`");
            softly
                .assertThat(cells.get(4))
                .as("default of %s", setting.key())
                .isEqualTo("`" + setting.defaultText() + "`");
          });
    }
    softly.assertAll();
  }
}
