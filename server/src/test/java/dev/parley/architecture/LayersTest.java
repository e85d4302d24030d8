package dev.parley.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's packages import only the packages docs/architecture.md lets them: each floor uses
 * floors below it, never one above, so there are no circles. A new package, or a new arrow, has to
 * be added here and to that page.
 */
class LayersTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/parley");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.parley\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

  /**
   * Package to the packages it may import (besides itself). "" is dev.parley itself: the process.
   */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("config", Set.of()),
          Map.entry("net", Set.of()),
          Map.entry("tls", Set.of()),
          Map.entry("protocol", Set.of()),
          Map.entry("stun", Set.of()),
          Map.entry("srtp", Set.of()),
          Map.entry("rtp", Set.of()),
          Map.entry("sdp", Set.of()),
          Map.entry("auth", Set.of("config", "protocol")),
          Map.entry("metrics", Set.of("protocol")),
          Map.entry("cluster", Set.of("metrics", "protocol")),
          Map.entry("webhook", Set.of("auth", "config", "metrics")),
          Map.entry("turn", Set.of("auth", "config", "metrics", "net", "protocol", "tls", "stun")),
          Map.entry("turn.check", Set.of("auth", "stun")),
          Map.entry("ice", Set.of("config", "metrics", "net", "stun")),
          Map.entry("dtls", Set.of("ice", "metrics", "srtp")),
          Map.entry("sfu", Set.of("config", "metrics", "rtp")),
          Map.entry(
              "signal", Set.of("auth", "cluster", "config", "metrics", "protocol", "webhook")),
          Map.entry("admin", Set.of("signal")),
          Map.entry(
              "media",
              Set.of(
                  "config",
                  "dtls",
                  "ice",
                  "metrics",
                  "net",
                  "protocol",
                  "rtp",
                  "sdp",
                  "sfu",
                  "signal",
                  "srtp")),
          Map.entry(
              "http",
              Set.of("admin", "auth", "config", "metrics", "net", "protocol", "signal", "tls")),
          Map.entry(
              "",
              Set.of(
                  "admin",
                  "auth",
                  "cluster",
                  "config",
                  "http",
                  "metrics",
                  "net",
                  "protocol",
                  "signal",
                  "tls",
                  "turn",
                  "turn.check",
                  "stun",
                  "webhook",
                  "ice",
                  "dtls",
                  "media",
                  "sfu")));

  @Test
  void everyImportGoesDownTheLayers() throws IOException {
    List<String> wrong = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        packages.add(pkg);
        Matcher imports = IMPORT.matcher(Files.readString(file));
        while (imports.find()) {
          String target = owningPackage(imports.group(1));
          if (!target.equals(pkg) && !ALLOWED.getOrDefault(pkg, Set.of()).contains(target)) {
            wrong.add(SOURCES.relativize(file) + " imports dev.parley." + imports.group(1));
          }
        }
      }
    }
    assertThat(packages)
        .as("every package has its place in the layers")
        .isSubsetOf(ALLOWED.keySet());
    assertThat(wrong).as("imports that run up a layer or sideways").isEmpty();
  }

  /**
   * {@code signal.ResumeTokens} is in {@code signal}; {@code turn.check} is a package of its own.
   */
  private static String owningPackage(String name) {
    String best = "";
    for (String pkg : ALLOWED.keySet()) {
      if ((name.equals(pkg) || name.startsWith(pkg + ".")) && pkg.length() > best.length()) {
        best = pkg;
      }
    }
    return best.isEmpty() ? name : best;
  }
}
