package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's memory, read from outside: resident set size from /proc/PID/status (any server), and
 * for Parley the Java heap in use after a full collection, which jcmd asks for and Parley's
 * /metrics then reports ({@code jvm_memory_used_bytes{area="heap"}}).
 *
 * @param residentBytes VmRSS; -1 when unknown
 * @param heapBytes heap in use after a GC; -1 when unknown or not a JVM
 */
record ServerMemory(long residentBytes, long heapBytes) {
  private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
  private static final Pattern HEAP =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)");

  /**
   * @param metrics Parley's /metrics address, {@code null} for a server that has none
   */
  static ServerMemory of(long pid, URI metrics) throws InterruptedException {
    return new ServerMemory(resident(pid), metrics == null ? -1 : heapAfterGc(pid, metrics));
  }

  static long resident(long pid) {
    try {
      Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long heapAfterGc(long pid, URI metrics) throws InterruptedException {
    try {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      Process gc =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
        gc.destroyForcibly();
        return -1;
      }
      try (HttpClient http =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
        String text =
            http.send(
                    HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = HEAP.matcher(text);
        double used = 0;
        boolean found = false;
        while (m.find()) {
          used += Double.parseDouble(m.group(1));
          found = true;
        }
        return found ? (long) used : -1;
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
