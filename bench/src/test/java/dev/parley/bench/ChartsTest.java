package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which results a chart is drawn from. */
class ChartsTest {

  @Test
  void takesTheNewestFileOfItsOwnScenarioWithMatchingRuns(@TempDir Path results) throws Exception {
    Files.writeString(
        results.resolve("relay-20261205T100000Z.jsonl"),
        """
        {"phase":"start","when":"2026-12-05T10:00:00Z"}
        {"protocol":"parley","peers":100,"window":64}
        """);
    // Newer, but another scenario ("relay-cluster"), and a relay file with only paced runs.
    Files.writeString(
        results.resolve("relay-cluster-20261205T120000Z.jsonl"),
        """
        {"protocol":"parley","peers":100,"window":64}
        """);
    Files.writeString(
        results.resolve("relay-20261205T110000Z.jsonl"),
        """
        {"protocol":"parley","peers":1000,"rate":1000}
        """);

    List<JsonNode> runs =
        Charts.newest(results, "relay", r -> r.path("window").isNumber()).orElseThrow();

    assertThat(runs).hasSize(1);
    assertThat(runs.getFirst().path("peers").asInt()).isEqualTo(100);
    assertThat(runs.getFirst().path("_start").path("when").asText())
        .isEqualTo("2026-12-05T10:00:00Z");
    assertThat(Charts.newest(results, "fanout", r -> true)).isEmpty();
  }
}
