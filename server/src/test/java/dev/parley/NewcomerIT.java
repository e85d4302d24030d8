package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The README's commands as a newcomer meets them: {@code ./parley} on a fresh copy of this
 * checkout's tracked files (nothing built yet) must build and serve the web app, rebuild when a web
 * source changes, and not rebuild when nothing did; {@code .ci/run} runs the README's test command
 * and nothing else.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewcomerIT {
  private static final Pattern RUNNING =
      Pattern.compile("Parley is running: open http://localhost:(\\d+)/");
  private static final String BUILDING = "Building Parley";
  private static final Path CHECKOUT =
      Path.of(System.getProperty("parley.checkout", "..")).toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Path clone;

  @BeforeAll
  static void freshCopy() throws Exception {
    clone = Files.createTempDirectory("parley-newcomer");
    Process ls = new ProcessBuilder("git", "ls-files", "-z").directory(CHECKOUT.toFile()).start();
    String files = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ls.waitFor()).as("git ls-files in " + CHECKOUT).isZero();
    for (String file : files.split("\0")) {
      Path source = CHECKOUT.resolve(file);
      if (file.isEmpty() || !Files.isRegularFile(source)) {
        continue; // deleted in the working tree but not yet in the index
      }
      Path target = clone.resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  @AfterAll
  static void removeCopy() throws IOException {
    if (clone != null) {
      try (Stream<Path> paths = Files.walk(clone)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void runCommandBuildsAndServesTheWebAppOnAFreshClone() throws Exception {
    Run run = Run.start(clone);
    String log;
    try {
      assertServesTheApp(run.port, null);
    } finally {
      log = run.stop();
    }
    assertThat(log).contains(BUILDING);
  }

  @Test
  @Order(2)
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void runCommandRebuildsWhenAWebSourceChanges() throws Exception {
    String marker = "<meta name=\"newcomer-test\" content=\"" + System.nanoTime() + "\">";
    Path index = clone.resolve("web/app/index.html");
    Files.writeString(index, Files.readString(index).replace("</head>", marker + "\n</head>"));
    Run run = Run.start(clone);
    String log;
    try {
      assertServesTheApp(run.port, marker);
    } finally {
      log = run.stop();
    }
    assertThat(log).contains(BUILDING);
  }

  @Test
  @Order(3)
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void runCommandStartsWithoutBuildingWhenNothingChanged() throws Exception {
    Run run = Run.start(clone);
    String log;
    try {
      assertServesTheApp(run.port, null);
    } finally {
      log = run.stop();
    }
    assertThat(log).doesNotContain(BUILDING);
  }

  @Test
  void ciRunsTheReadmeTestCommandAlone() throws IOException {
    List<String> readmeCommands = new ArrayList<>();
    List<String> readme = Files.readAllLines(CHECKOUT.resolve("README.md"));
    int block = readme.indexOf("```sh");
    assertThat(block).as("README.md has a ```sh block with its commands").isNotNegative();
    for (String line : readme.subList(block + 1, readme.size())) {
      if (line.startsWith("```")) {
        break;
      }
      readmeCommands.add(line.replaceFirst("#.*", "").strip());
    }
    assertThat(readmeCommands)
        .as("the README's run and test commands")
        .containsExactly("./parley", "./test");

    List<String> ciCommands =
        Files.readAllLines(CHECKOUT.resolve(".ci/run")).stream()
            .map(String::strip)
            .filter(
                line ->
                    !line.isEmpty()
                        && !line.startsWith("#")
                        && !line.startsWith("set ")
                        && !line.startsWith("cd "))
            .toList();
    assertThat(ciCommands).containsExactly("exec ./test");
  }

  /** {@code /} and a room link both answer with the app's page, whose script loads too. */
  private static void assertServesTheApp(int port, String marker) throws Exception {
    for (String path : List.of("/", "/r/newcomer-room")) {
      HttpResponse<String> page = get(port, path);
      assertThat(page.statusCode()).as("GET " + path).isEqualTo(200);
      assertThat(page.body()).contains("<div id=\"app\">");
      if (marker != null) {
        assertThat(page.body()).contains(marker);
      }
      Matcher script =
          Pattern.compile("<script type=\"module\"[^>]* src=\"([^\"]+)\"").matcher(page.body());
      assertThat(script.find()).as("the page's module script").isTrue();
      assertThat(get(port, script.group(1)).statusCode())
          .as("GET " + script.group(1))
          .isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * One {@code ./parley} process: Parley's URL on stdout; the build's and Parley's log in a file.
   */
  private record Run(Process process, int port, Path stderr) {
    static Run start(Path checkout) throws Exception {
      Path stderr = Files.createTempFile("parley-newcomer", ".log");
      Process process =
          new ProcessBuilder("./parley", "--bind", "127.0.0.1", "--port", "0", "--turn", "false")
              .directory(checkout.toFile())
              .redirectError(stderr.toFile())
              .start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null) {
        process.waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("./parley ended without serving:\n" + Files.readString(stderr));
      }
      Matcher running = RUNNING.matcher(line);
      assertThat(running.find()).as(line).isTrue();
      return new Run(process, Integer.parseInt(running.group(1)), stderr);
    }

    /** Stops Parley (SIGTERM) and returns all it and the build printed on stderr. */
    String stop() throws Exception {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      String log = Files.readString(stderr);
      Files.delete(stderr);
      return log;
    }
  }
}
