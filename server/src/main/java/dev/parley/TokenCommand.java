package dev.parley;

import dev.parley.auth.AccessTokens;
import dev.parley.config.AuthSettings;
import dev.parley.config.ConfigException;
import dev.parley.config.ConfigLoader;
import dev.parley.config.ParleyConfig;
import dev.parley.config.ServerSettings;
import dev.parley.config.Setting;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code parley token}: mints an access token, as an application's backend would, for tests and
 * small deployments. The secret comes from {@code --secret} or the configuration (file or {@code
 * PARLEY_SECRET}); the token is printed alone on the last line.
 */
final class TokenCommand {
  private TokenCommand() {}

  static void addOptions(CommandSpec spec) {
    option(spec, "--room", "<room>", "Room the token admits to, or * for any room.", true);
    option(
        spec,
        "--identity",
        "<id>",
        "Who the token is for (the sub claim): your application's user id.",
        true);
    option(
        spec, "--name", "<name>", "Display name the others see; unset, the client chooses.", false);
    option(spec, "--ttl", "<duration>", "How long the token stays valid. Default: 1h.", false);
    option(
        spec,
        "--secret",
        "<secret>",
        "The server's secret; default: from the configuration.",
        false);
    option(spec, "-c", "--config", "<file>", "YAML configuration to read the secret from.");
    spec.addOption(
        OptionSpec.builder("--no-publish")
            .description("The peer may not send audio or video.")
            .build());
    spec.addOption(
        OptionSpec.builder("--no-data")
            .description("The peer may not open data channels.")
            .build());
  }

  private static void option(
      CommandSpec spec, String name, String label, String description, boolean required) {
    spec.addOption(
        OptionSpec.builder(name)
            .type(String.class)
            .paramLabel(label)
            .required(required)
            .description(description)
            .build());
  }

  private static void option(
      CommandSpec spec, String shortName, String name, String label, String description) {
    spec.addOption(
        OptionSpec.builder(shortName, name)
            .type(String.class)
            .paramLabel(label)
            .description(description)
            .build());
  }

  /**
   * @return the exit status
   */
  static int run(ParseResult parsed, Map<String, String> env, PrintStream out, PrintStream err) {
    Map<String, String> settings = new HashMap<>();
    copy(parsed, "--secret", AuthSettings.SECRET, settings);
    copy(parsed, "--config", ServerSettings.CONFIG, settings);
    String room = parsed.matchedOptionValue("--room", null);
    String identity = parsed.matchedOptionValue("--identity", null);
    String name = parsed.matchedOptionValue("--name", null);
    Duration ttl;
    ParleyConfig config;
    try {
      ttl = ConfigLoader.duration("--ttl", parsed.matchedOptionValue("--ttl", "1h"));
      config = ConfigLoader.load(settings, env);
    } catch (ConfigException e) {
      err.println("parley token: " + e.getMessage());
      return 2;
    }
    if (config.secret() == null) {
      err.println(
          "parley token: no secret: give --secret, or set secret in the configuration (or PARLEY_SECRET)");
      return 2;
    }
    AccessTokens tokens =
        new AccessTokens(config.secret().getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    out.println(
        tokens.mint(
            identity,
            name,
            room,
            ttl,
            !parsed.hasMatchedOption("--no-publish"),
            !parsed.hasMatchedOption("--no-data")));
    return 0;
  }

  private static void copy(
      ParseResult parsed, String option, Setting<?> setting, Map<String, String> settings) {
    if (parsed.hasMatchedOption(option)) {
      settings.put(setting.key(), parsed.matchedOptionValue(option, ""));
    }
  }
}
