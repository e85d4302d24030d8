package dev.parley;

import dev.parley.cluster.RedisDirectory;
import dev.parley.config.ConfigException;
import dev.parley.config.ConfigLoader;
import dev.parley.config.Logging;
import dev.parley.config.ParleyConfig;
import dev.parley.config.ServerSettings;
import dev.parley.config.Setting;
import dev.parley.net.Listeners;
import dev.parley.tls.HangUpSignal;
import dev.parley.tls.TlsException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code parley} command: serve, token, version. Without a command it serves, so {@code java
 * -jar parley.jar} is all a laptop needs. The serve options are made from {@link Setting#all()}, so
 * the flags, the help and the configuration loader cannot disagree.
 */
public final class Main {
  private static final int FAILED = 1;
  private static final int USAGE = 2;
  private static final String BOOLEAN_LABEL = "<bool>";

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    int status = run(args, System.getenv(), System.out, System.err);
    // Exiting on success would cut short the shutdown hook that is draining the server.
    if (status != 0) {
      System.exit(status);
    }
  }

  /** What {@code main} does, with its inputs and outputs passed in; returns the exit status. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
      throws InterruptedException {
    CommandLine cli = commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    ParseResult parsed;
    try {
      parsed = cli.parseArgs(args);
    } catch (ParameterException e) {
      err.println("parley: " + e.getMessage());
      UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Run 'parley --help' for usage.");
      return USAGE;
    }
    if (CommandLine.printHelpIfRequested(parsed)) {
      return 0;
    }
    if (parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals("version")) {
      out.println(versionLine());
      return 0;
    }
    if (parsed.hasSubcommand()
        && parsed.subcommand().commandSpec().name().equals(TurnCheckCommand.NAME)) {
      return TurnCheckCommand.run(parsed.subcommand(), env, out, err);
    }
    if (parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals("token")) {
      return TokenCommand.run(parsed.subcommand(), env, out, err);
    }
    ParleyConfig config;
    try {
      config = ConfigLoader.load(flags(parsed), env);
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return USAGE;
    }
    Logging.apply(config.log());
    return serve(config, out, err);
  }

  private static int serve(ParleyConfig config, PrintStream out, PrintStream err)
      throws InterruptedException {
    ParleyServer server;
    try {
      server = ParleyServer.start(config);
    } catch (TlsException | RedisDirectory.Unreachable e) {
      err.println("parley: " + e.getMessage());
      return FAILED;
    } catch (Listeners.BindException e) {
      err.println("parley: " + e.getMessage());
      return FAILED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "parley-shutdown"));
    if (server.certificate() != null && server.certificate().readsFiles()) {
      HangUpSignal.handle(server.certificate()::reload);
    }
    out.println("Parley is running: open " + server.urls().getFirst());
    server.awaitTermination();
    return 0;
  }

  private static CommandLine commandLine() {
    CommandSpec parley =
        command(
            "parley", "Self-hosted WebRTC signaling server. Without a command, runs the server.");
    addSettings(parley);
    CommandSpec serve = command("serve", "Run the server (the default).");
    addSettings(serve);
    CommandLine cli = new CommandLine(parley);
    // --auth token: the value is a setting's, though it is also the name of a command.
    cli.setAllowSubcommandsAsOptionParameters(true);
    cli.addSubcommand("serve", new CommandLine(serve));
    CommandSpec token =
        command("token", "Print an access token for auth: token (a JWT signed with the secret).");
    TokenCommand.addOptions(token);
    cli.addSubcommand("token", new CommandLine(token));
    cli.addSubcommand("version", new CommandLine(command("version", "Print the version.")));
    cli.addSubcommand(
        TurnCheckCommand.NAME,
        new CommandLine(
            TurnCheckCommand.spec(command(TurnCheckCommand.NAME, TurnCheckCommand.DESCRIPTION))));
    cli.addSubcommand("help", new CommandLine.HelpCommand());
    return cli;
  }

  static CommandSpec command(String name, String description) {
    CommandSpec spec =
        CommandSpec.create().name(name).mixinStandardHelpOptions(true).version(versionLine());
    // The catalog's order groups related settings; alphabetical order would scatter them.
    spec.usageMessage().description(description).sortOptions(false).abbreviateSynopsis(true);
    return spec;
  }

  private static void addSettings(CommandSpec spec) {
    for (Setting<?> setting : Setting.all()) {
      String[] names =
          setting == ServerSettings.CONFIG
              ? new String[] {"-c", setting.flag()}
              : new String[] {setting.flag()};
      String description =
          Character.toUpperCase(setting.description().charAt(0))
              + setting.description().substring(1)
              + ".";
      OptionSpec.Builder option =
          OptionSpec.builder(names)
              .type(String.class)
              .paramLabel(setting.label())
              .description(
                  description,
                  "Default: " + setting.defaultText() + ". Env: " + setting.envName() + ".");
      if (setting.label().equals(BOOLEAN_LABEL)) {
        // A switch alone turns it on: --tls-self-signed as well as --tls-self-signed=true.
        option.arity("0..1").fallbackValue("true");
      }
      spec.addOption(option.build());
    }
    spec.usageMessage()
        .footer(
            "",
            "Each setting can also be given in the config file or as an environment variable;",
            "flags override variables, which override the file. See docs/configuration.md.");
  }

  /** The given flags keyed by setting; a flag after {@code serve} overrides one before it. */
  private static Map<String, String> flags(ParseResult parsed) {
    Map<String, String> flags = new HashMap<>();
    for (ParseResult command = parsed; command != null; command = command.subcommand()) {
      for (OptionSpec option : command.matchedOptions()) {
        String key = option.longestName().substring(2);
        flags.put(key, option.getValue());
      }
    }
    return flags;
  }

  private static String versionLine() {
    String version = Main.class.getPackage().getImplementationVersion();
    return "parley " + Objects.requireNonNullElse(version, "dev");
  }
}
