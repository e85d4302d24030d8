package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Draws the charts of docs/benchmarks.md from the newest results file of each scenario in a results
 * directory: {@code java -cp parley-bench.jar dev.parley.bench.Charts bench/results docs/images}.
 */
public final class Charts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * After the scenario's name: what bench/lib.sh names a results file, so "relay" is not
   * "relay-cluster".
   */
  private static final String RESULTS_FILE = "-\\d{8}T\\d{6}Z\\.jsonl";

  private Charts() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
    Path images = Path.of(args.length > 1 ? args[1] : "docs/images");
    Files.createDirectories(images);
    List<String> servers = List.of("parley", "peerjs");

    Optional<List<JsonNode>> saturation =
        newest(results, "relay", r -> r.path("window").isNumber());
    if (saturation.isPresent()) {
      chart(
              saturation.get(),
              "Signaling relay at saturation (rooms of 2, window 64)",
              "signals/s",
              "peers",
              servers,
              "protocol",
              r -> r.path("deliveredPerSecond").asDouble())
          .write(images.resolve("bench-relay.png"));
      System.out.println("wrote " + images.resolve("bench-relay.png"));
    }
    Optional<List<JsonNode>> idle = newest(results, "idle", r -> r.path("steps").size() <= 1);
    if (idle.isPresent()) {
      chart(
              idle.get(),
              "Resident memory per idle peer",
              "KiB per peer",
              "peers",
              servers,
              "protocol",
              r -> r.path("residentBytesPerPeer").asDouble() / 1024)
          .write(images.resolve("bench-idle.png"));
      System.out.println("wrote " + images.resolve("bench-idle.png"));
    }
    Optional<List<JsonNode>> growth = newest(results, "idle", r -> r.path("steps").size() > 1);
    if (growth.isPresent()) {
      idleGrowth(growth.get(), servers).write(images.resolve("bench-idle-growth.png"));
      System.out.println("wrote " + images.resolve("bench-idle-growth.png"));
    }
    Optional<List<JsonNode>> turn = newest(results, "turn");
    if (turn.isPresent()) {
      chart(
              turn.get(),
              "TURN relay: server CPU per relayed datagram",
              "µs per datagram",
              "offeredPerSecond",
              List.of("parley", "coturn"),
              "server",
              r -> r.path("serverCpuMicrosPerDatagram").asDouble())
          .write(images.resolve("bench-turn.png"));
      System.out.println("wrote " + images.resolve("bench-turn.png"));
    }
    Optional<List<JsonNode>> browser = newest(results, "browser");
    if (browser.isPresent() && !browser.get().isEmpty()) {
      callSetup(browser.get().getLast()).write(images.resolve("bench-call-setup.png"));
      System.out.println("wrote " + images.resolve("bench-call-setup.png"));
    }
  }

  /** Each call's setup time through Parley beside the in-page floor's, from bench/browser.sh. */
  private static BarChart callSetup(JsonNode run) {
    JsonNode parley = run.path("parleySetupMs").path("all");
    JsonNode floor = run.path("floorSetupMs").path("all");
    int calls = Math.min(parley.size(), floor.size());
    double[][] values = new double[2][calls];
    List<String> categories = new ArrayList<>();
    for (int call = 0; call < calls; call++) {
      values[0][call] = parley.get(call).asDouble();
      values[1][call] = floor.get(call).asDouble();
      categories.add(Integer.toString(call + 1));
    }
    return new BarChart(
        String.format(
            "Call setup, join to first frames (medians %.0f and %.1f ms)",
            run.path("parleySetupMs").path("median").asDouble(),
            run.path("floorSetupMs").path("median").asDouble()),
        note(List.of(run)),
        "ms",
        categories,
        List.of("parley", "in-page floor"),
        values);
  }

  /**
   * How each server's resident memory grew as batches of idle peers joined it (bench/idle.sh with
   * BENCH_IDLE_STEPS): the growth since before the first batch, at each step of the last stepped
   * run of each server.
   */
  private static BarChart idleGrowth(List<JsonNode> runs, List<String> servers) {
    TreeSet<Long> peers = new TreeSet<>();
    runs.forEach(r -> r.path("steps").forEach(step -> peers.add(step.path("peers").asLong())));
    List<Long> categories = new ArrayList<>(peers);
    double[][] values = new double[servers.size()][categories.size()];
    for (int s = 0; s < servers.size(); s++) {
      Arrays.fill(values[s], Double.NaN);
      String server = servers.get(s);
      Optional<JsonNode> run =
          runs.stream().filter(r -> r.path("protocol").asText().equals(server)).reduce((a, b) -> b);
      if (run.isEmpty()) {
        continue;
      }
      long before = run.get().path("residentBytesBefore").asLong();
      for (JsonNode step : run.get().path("steps")) {
        values[s][categories.indexOf(step.path("peers").asLong())] =
            (step.path("residentBytes").asLong() - before) / (1024.0 * 1024);
      }
    }
    return new BarChart(
        "Resident memory growth as idle peers join one server",
        note(runs),
        "MiB",
        categories.stream().map(k -> String.format("%,d peers", k)).toList(),
        servers,
        values);
  }

  /** One bar per server for each distinct value of {@code category}; the last run wins a tie. */
  private static BarChart chart(
      List<JsonNode> runs,
      String title,
      String unit,
      String category,
      List<String> servers,
      String serverField,
      ToDoubleFunction<JsonNode> value) {
    TreeSet<Long> keys = new TreeSet<>();
    runs.forEach(r -> keys.add(r.path(category).asLong()));
    List<Long> categories = new ArrayList<>(keys);
    double[][] values = new double[servers.size()][categories.size()];
    for (int s = 0; s < servers.size(); s++) {
      for (int c = 0; c < categories.size(); c++) {
        String server = servers.get(s);
        long key = categories.get(c);
        Predicate<JsonNode> match =
            r -> r.path(serverField).asText().equals(server) && r.path(category).asLong() == key;
        values[s][c] =
            runs.stream().filter(match).mapToDouble(value).reduce((a, b) -> b).orElse(Double.NaN);
      }
    }
    String suffix = category.equals("peers") ? " peers" : "/s offered";
    return new BarChart(
        title,
        note(runs),
        unit,
        categories.stream().map(k -> String.format("%,d%s", k, suffix)).toList(),
        servers,
        values);
  }

  /** When the runs were taken and how busy the machine was, from the results file's first line. */
  private static String note(List<JsonNode> runs) {
    JsonNode start = runs.isEmpty() ? null : runs.getFirst().path("_start");
    if (start == null || start.isMissingNode()) {
      return "";
    }
    return String.format(
        "%s, %d CPUs, load averages %s at the start; commit %s",
        start.path("when").asText(),
        start.path("cpus").asInt(),
        start.path("loadAverage").asText(),
        start.path("commit").asText());
  }

  /** The result lines (machine lines left out) of the newest {@code scenario-<time>.jsonl}. */
  private static Optional<List<JsonNode>> newest(Path dir, String scenario) throws IOException {
    return newest(dir, scenario, run -> true);
  }

  /** The runs that match {@code which} of the newest {@code scenario-<time>.jsonl} that has any. */
  static Optional<List<JsonNode>> newest(Path dir, String scenario, Predicate<JsonNode> which)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Path> newestFirst;
    try (Stream<Path> files = Files.list(dir)) {
      newestFirst =
          files
              .filter(f -> f.getFileName().toString().matches(scenario + RESULTS_FILE))
              .sorted(Comparator.reverseOrder())
              .toList();
    }
    for (Path file : newestFirst) {
      List<JsonNode> runs = new ArrayList<>();
      JsonNode start = null;
      for (String line : Files.readAllLines(file)) {
        JsonNode node = JSON.readTree(line);
        if (!node.has("phase")) {
          if (which.test(node)) {
            runs.add(node);
          }
        } else if (start == null) {
          start = node;
        }
      }
      if (!runs.isEmpty()) {
        if (start != null) {
          // Carried on the first run so that every chart can say when and how loaded.
          ((com.fasterxml.jackson.databind.node.ObjectNode) runs.getFirst()).set("_start", start);
        }
        return Optional.of(runs);
      }
    }
    return Optional.empty();
  }
}
