package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Parley server in a JVM of its own, started as users start it, for the tests that need a real
 * process: to send it signals, read what it prints, or kill it outright.
 *
 * @param scheme {@code http} or {@code https}, as the server printed it
 * @param port the web port the server printed
 */
public record ChildServer(Process process, String scheme, int port) {
  private static final Pattern RUNNING =
      Pattern.compile("Parley is running: open (https?)://[^:/]+:(\\d+)/");

  /**
   * {@code java -jar parley.jar flags...}: the packaged jar (system property {@code parley.jar}).
   */
  public static List<String> jar(String... flags) {
    Path jar = Path.of(System.getProperty("parley.jar", "target/parley.jar"));
    assertThat(jar).exists();
    return java(List.of("-jar", jar.toString()), flags);
  }

  /** {@code dev.parley.Main flags...} from this test run's class path: no jar needed. */
  public static List<String> classPath(String... flags) {
    return java(List.of("-cp", System.getProperty("java.class.path"), "dev.parley.Main"), flags);
  }

  private static List<String> java(List<String> what, String... flags) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(what);
    command.addAll(List.of(flags));
    if (!command.contains("--media-port")) {
      // Several servers run at once here; the default media port is a fixed one.
      command.addAll(List.of("--media-port", "0"));
    }
    return command;
  }

  /**
   * Starts {@code command} and returns once the server printed that it runs. From the test class
   * path, test logging also goes to stdout, so lines before that one are passed over. The rest of
   * stdout is read until it ends, so the server never blocks on a full pipe.
   *
   * @param stderr where the server's log goes
   */
  public static ChildServer start(List<String> command, ProcessBuilder.Redirect stderr)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectError(stderr).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      Matcher running = RUNNING.matcher(line);
      if (running.find()) {
        Thread.ofPlatform().daemon().start(() -> drain(out));
        return new ChildServer(process, running.group(1), Integer.parseInt(running.group(2)));
      }
    }
    throw new AssertionError(
        "the server exited with " + process.waitFor() + " before it was running: " + command);
  }

  private static void drain(BufferedReader out) {
    try {
      out.lines().forEach(ignored -> {});
    } catch (UncheckedIOException e) {
      // The server is gone; the test notices.
    }
  }

  /** The signaling endpoint, on loopback. */
  public URI ws() {
    return URI.create("ws://127.0.0.1:" + port + "/ws");
  }

  /** Kills the server outright (SIGKILL on Linux: no goaway, no leave, nothing flushed). */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
