package dev.parley;

import dev.parley.config.ConfigException;
import dev.parley.config.ConfigLoader;
import dev.parley.config.ParleyConfig;
import dev.parley.turn.check.TurnCheck;
import dev.parley.turn.check.TurnUrl;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code parley turn-check}: relays data through a running TURN server (see {@link TurnCheck}) and
 * exits 0 if it went through, 1 if not. The secret and, without {@code --url}, the server's address
 * come from the same configuration the server reads.
 */
final class TurnCheckCommand {
  static final String NAME = "turn-check";
  static final String DESCRIPTION =
      "Check a running STUN/TURN server: allocate with credentials made from the secret,"
          + " relay data between two allocations and back, report the relayed address and the round trip.";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int PASSED = 0;
  private static final int FAILED = 1;
  private static final int USAGE = 2;

  private TurnCheckCommand() {}

  static CommandSpec spec(CommandSpec spec) {
    spec.addOption(
        option(
            "--url",
            "<url>",
            "The server to check, turn:host:port?transport=udp|tcp."
                + " Default: this node's turn-external-ip (else its bind address) and turn-port, over UDP."));
    spec.addOption(
        option(
            "--secret",
            "<text>",
            "The server's secret. Default: from the configuration"
                + " (config file or PARLEY_SECRET)."));
    spec.addOption(
        OptionSpec.builder("-c", "--config")
            .type(String.class)
            .paramLabel("<file>")
            .description("YAML configuration file to read the secret and address from.")
            .build());
    return spec;
  }

  private static OptionSpec option(String name, String label, String description) {
    return OptionSpec.builder(name)
        .type(String.class)
        .paramLabel(label)
        .description(description)
        .build();
  }

  static int run(ParseResult command, Map<String, String> env, PrintStream out, PrintStream err) {
    Map<String, String> flags = new HashMap<>();
    for (String key : List.of("config", "secret")) {
      if (command.hasMatchedOption("--" + key)) {
        flags.put(key, command.matchedOptionValue("--" + key, ""));
      }
    }
    ParleyConfig config;
    TurnUrl url;
    try {
      config = ConfigLoader.load(flags, env);
      url =
          command.hasMatchedOption("--url")
              ? TurnUrl.parse(command.matchedOptionValue("--url", ""))
              : defaultUrl(config);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("parley " + NAME + ": " + e.getMessage());
      return USAGE;
    }
    if (config.secret() == null) {
      err.println(
          "parley "
              + NAME
              + ": no secret: pass --secret, or set secret in the configuration or PARLEY_SECRET");
      return USAGE;
    }
    TurnCheck.Outcome outcome =
        new TurnCheck(config.secret().getBytes(StandardCharsets.UTF_8), TIMEOUT).run(url);
    return switch (outcome) {
      case TurnCheck.Outcome.Passed passed -> {
        out.println("TURN check passed: " + passed.url());
        out.println(
            "  relayed address: "
                + hostPort(passed.relayed())
                + " (peer allocation "
                + hostPort(passed.peerRelayed())
                + ")");
        out.println(
            String.format(
                Locale.ROOT,
                "  round trip through both relays: %.1f ms",
                passed.roundTrip().toNanos() / 1e6));
        yield PASSED;
      }
      case TurnCheck.Outcome.Failed failed -> {
        err.println("TURN check failed: " + failed.url() + ": " + failed.reason());
        yield FAILED;
      }
    };
  }

  /** Where this node's clients reach its TURN server; a wildcard bind is checked on loopback. */
  private static TurnUrl defaultUrl(ParleyConfig config) {
    int port = config.turn().port();
    if (port == 0) {
      throw new IllegalArgumentException(
          "turn-port is 0 (a random port): pass --url with the port the server took");
    }
    String host = config.turn().externalIp();
    if (host == null) {
      List<String> bind =
          config.turn().bind() != null ? config.turn().bind() : config.http().bind();
      host = bind.getFirst();
      if (host.equals("localhost")
          || host.equals("0.0.0.0")
          || host.equals("::")
          || host.equals("[::]")) {
        host = "127.0.0.1";
      }
    }
    return new TurnUrl(host, port, false);
  }

  private static String hostPort(java.net.InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
