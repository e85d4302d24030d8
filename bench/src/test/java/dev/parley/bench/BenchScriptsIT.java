package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every benchmark script at a tiny size, against the packaged jars and the real servers it
 * compares with (the PeerJS server from npm, coturn), so that the scripts, not only the load
 * generator, keep working. Asserts that each run happened and lost nothing; never speed.
 */
class BenchScriptsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BENCH =
      Path.of(System.getProperty("parley.bench.dir", ".")).toAbsolutePath();

  private Path results;

  @BeforeAll
  static void needsTheJars() {
    Path jar = Path.of(System.getProperty("parley.jar", "../server/target/parley.jar"));
    assumeTrue(
        Files.isRegularFile(jar),
        "no server jar at " + jar.toAbsolutePath() + "; package the server first");
  }

  @Test
  @Timeout(300)
  void relayRunsParleyAndPeerJsSideBySide() throws Exception {
    assumeTrue(
        installed("node") && installed("npm"), "node and npm are needed for the PeerJS server");

    List<JsonNode> runs =
        run("relay.sh", Map.of("BENCH_WARMUP", "500ms", "BENCH_DURATION", "1s"), "4");

    // Saturation, then half Parley's saturation rate, against each server.
    assertThat(runs)
        .extracting(r -> r.path("protocol").asText())
        .containsExactly("parley", "peerjs", "parley", "peerjs");
    for (JsonNode run : runs) {
      assertThat(run.path("receivedTotal").asLong()).as(run.toString()).isPositive();
      assertThat(run.path("lost").asLong()).as(run.toString()).isZero();
      assertThat(run.path("outOfOrder").asLong()).as(run.toString()).isZero();
    }
  }

  @Test
  @Timeout(300)
  void relayCrossesTwoClusterNodesBesideOneNode() throws Exception {
    assumeTrue(installed("redis-server"), "redis-server is needed for a cluster");
    assumeTrue(installed("node"), "node is needed to compare the two runs");

    List<JsonNode> runs =
        run("relay-cluster.sh", Map.of(), "4", "max", "--warmup", "500ms", "--duration", "1s");

    // One node alone, then the two nodes, in one run.
    assertThat(runs)
        .extracting(r -> r.path("label").asText())
        .satisfiesExactly(
            single -> assertThat(single).endsWith("; one node"),
            cluster -> assertThat(cluster).contains("two nodes and redis-server"));
    for (JsonNode run : runs) {
      assertThat(run.path("receivedTotal").asLong()).as(run.toString()).isPositive();
      assertThat(run.path("lost").asLong()).as(run.toString()).isZero();
      assertThat(run.path("outOfOrder").asLong()).as(run.toString()).isZero();
    }
  }

  @Test
  @Timeout(300)
  void idleMeasuresBothServersMemory() throws Exception {
    assumeTrue(
        installed("node") && installed("npm"), "node and npm are needed for the PeerJS server");

    List<JsonNode> runs = run("idle.sh", Map.of("BENCH_HOLD", "1s", "BENCH_IDLE_STEPS", "2"), "20");

    assertThat(runs)
        .extracting(r -> r.path("protocol").asText())
        .containsExactly("parley", "peerjs");
    for (JsonNode run : runs) {
      assertThat(run.path("residentBytesAfter").asLong()).as(run.toString()).isPositive();
      assertThat(run.path("disconnects").asLong()).as(run.toString()).isZero();
      assertThat(run.path("steps").findValuesAsText("peers"))
          .as(run.toString())
          .containsExactly("10", "20");
      assertThat(run.path("marginalResidentBytesPerPeer").isNumber()).as(run.toString()).isTrue();
    }
    assertThat(runs.getFirst().path("heapBytesAfter").asLong()).isPositive();
  }

  @Test
  @Timeout(300)
  void fanoutDeliversEveryPresence() throws Exception {
    List<JsonNode> runs = run("fanout.sh", Map.of("BENCH_DURATION", "20s"), "16");

    assertThat(runs).hasSize(1);
    JsonNode run = runs.getFirst();
    assertThat(run.path("joins").asLong()).as(run.toString()).isEqualTo(16);
    // Two rooms of eight: 28 peer-joined each, whatever order the joins take.
    assertThat(run.path("presenceDeliveries").asLong()).as(run.toString()).isEqualTo(56);
    assertThat(run.path("presenceMissing").asLong()).as(run.toString()).isZero();
  }

  @Test
  @Timeout(300)
  void turnRelaysThroughParleyAndCoturn() throws Exception {
    assumeTrue(
        installed("turnserver") && installed("turnutils_uclient") && installed("node"),
        "coturn (apt-get install coturn) and node are needed");

    List<JsonNode> runs = run("turn.sh", Map.of(), "2", "20", "200", "10");

    assertThat(runs).extracting(r -> r.path("server").asText()).containsExactly("parley", "coturn");
    for (JsonNode run : runs) {
      assertThat(run.path("sent").asLong()).as(run.toString()).isEqualTo(40);
      assertThat(run.path("received").asLong()).as(run.toString()).isPositive();
    }
  }

  @Test
  @Timeout(300)
  void turnRelaysThroughParleysWebPortBesideItsTurnPort() throws Exception {
    assumeTrue(
        installed("turnserver") && installed("turnutils_uclient") && installed("node"),
        "coturn (apt-get install coturn) and node are needed");

    List<JsonNode> runs =
        run(
            "turn.sh",
            Map.of("BENCH_TURN_SERVERS", "parley parley-webport", "BENCH_TURN_TCP", "1"),
            "2",
            "20",
            "200",
            "10");

    assertThat(runs)
        .extracting(r -> r.path("server").asText())
        .containsExactly("parley", "parley-webport");
    for (JsonNode run : runs) {
      assertThat(run.path("transport").asText()).isEqualTo("tcp");
      assertThat(run.path("sent").asLong()).as(run.toString()).isEqualTo(40);
      assertThat(run.path("received").asLong()).as(run.toString()).isPositive();
    }
  }

  /** Runs a script with tiny settings and returns its result lines (the machine lines left out). */
  private List<JsonNode> run(String script, Map<String, String> env, String... args)
      throws Exception {
    results = Files.createTempDirectory(Path.of("target"), "bench-results");
    List<String> command = new ArrayList<>(List.of("sh", BENCH.resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("BENCH_RESULTS", results.toAbsolutePath().toString());
    builder
        .environment()
        .put(
            "BENCH_SERVER_JAR",
            Path.of(System.getProperty("parley.jar", "../server/target/parley.jar"))
                .toAbsolutePath()
                .toString());
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    System.err.print(text);
    assertThat(process.exitValue()).as(text).isZero();
    List<JsonNode> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode node = JSON.readTree(line);
          if (!node.has("phase")) {
            runs.add(node);
          }
        }
      }
    }
    return runs;
  }

  private static boolean installed(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
