package dev.parley.bench;

import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.file.Files;

/** Command line entry: parse, run, print the summary and the JSON line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("parley-bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(Options.USAGE);
      return;
    }
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      // Sampling allocations for leaks costs the load generator CPU the server could have had;
      // the integration test, which does not come through here, keeps Netty's default.
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    Report results;
    try {
      results =
          switch (options.scenario()) {
            case "idle" -> new IdleScenario(options, System.err).run();
            case "fanout" -> new FanoutScenario(options, System.err).run();
            default -> new RelayScenario(options, System.err).run();
          };
    } catch (IllegalStateException e) {
      System.err.println("parley-bench: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.print(results.summary());
    String json = results.json();
    System.out.println(json);
    if (options.json() != null) {
      Files.writeString(options.json(), json + System.lineSeparator());
    }
    // Netty's threads are gone, but say so explicitly: a benchmark must never linger.
    System.exit(0);
  }
}
