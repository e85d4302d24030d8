package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ParserTest {
  private static final Parser<Duration> DURATION = Parser.duration(Duration.ZERO);
  private static final Parser<Integer> SIZE = Parser.size(0, Integer.MAX_VALUE);

  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource(
      delimiter = '=',
      value = {
        "500ms = 500",
        "20s   = 20000",
        "5m    = 300000",
        "1h    = 3600000",
        "1d    = 86400000",
        "20 s  = 20000",
        "0     = 0",
        "0ms   = 0",
        "PT20S = 20000",
        "pt1m30s = 90000",
      })
  void durations(String text, long millis) {
    assertThat(DURATION.apply(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "20", "1.5s", "-5s", "20sec", "5M", "P", "-PT5S", "s"})
  void notDurations(String text) {
    assertThatThrownBy(() -> DURATION.apply(text))
        .isInstanceOf(Parser.Invalid.class)
        .hasMessage("a duration such as 500ms, 20s, 5m, 1h, 1d or PT20S");
  }

  @Test
  void durationOutOfRange() {
    assertThatThrownBy(() -> Parser.duration(Duration.ofMillis(1)).apply("0"))
        .hasMessage("a duration from 1ms to 365d");
    assertThatThrownBy(() -> DURATION.apply("366d")).hasMessage("a duration from 0s to 365d");
  }

  @ParameterizedTest(name = "{0} is {1} bytes")
  @CsvSource(
      delimiter = '=',
      value = {
        "65536  = 65536",
        "512B   = 512",
        "64KiB  = 65536",
        "64kib  = 65536",
        "64 KiB = 65536",
        "1MiB   = 1048576",
        "0      = 0",
      })
  void sizes(String text, int bytes) {
    assertThat(SIZE.apply(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "64KB", "1MB", "64k", "1.5MiB", "-1", "1GiB", "KiB", "99999999999999"})
  void notSizes(String text) {
    assertThatThrownBy(() -> SIZE.apply(text)).isInstanceOf(Parser.Invalid.class);
  }

  @ParameterizedTest
  @CsvSource({"0, 0s", "300, 300ms", "10000, 10s", "90000, 90s", "1200000, 20m", "86400000, 1d"})
  void formatDurations(long millis, String text) {
    assertThat(Parser.formatDuration(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1000, 1000",
    "65536, 64KiB",
    "1048576, 1MiB",
    "1536, 1536",
    "3072, 3KiB",
    "1572864, 1536KiB"
  })
  void formatSizes(long bytes, String text) {
    assertThat(Parser.formatSize(bytes)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "0.0.0.0",
        "::",
        "::1",
        "fe80::1%eth0",
        "2001:db8::5",
        "node-1.example.com"
      })
  void hosts(String host) {
    assertThat(AddressParsers.hosts().apply(host)).containsExactly(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://0.0.0.0", "0.0.0.0:8080", "my host", "[::1]", "-x", "a_b"})
  void notHosts(String host) {
    assertThatThrownBy(() -> AddressParsers.hosts().apply(host)).isInstanceOf(Parser.Invalid.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"https://example.com", "http://localhost:5173", "capacitor://localhost", "*"})
  void origins(String origin) {
    assertThat(AddressParsers.origins().apply(origin)).containsExactly(origin);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.com",
        "https://example.com/",
        "https://example.com/app",
        "https://user@example.com",
        "https://example.com?x",
        "null",
        "https://"
      })
  void notOrigins(String origin) {
    assertThatThrownBy(() -> AddressParsers.origins().apply(origin))
        .isInstanceOf(Parser.Invalid.class);
  }

  @ParameterizedTest
  @CsvSource({"true, true", "YES, true", "on, true", "false, false", "No, false", "off, false"})
  void booleans(String text, boolean value) {
    assertThat(Parser.bool().apply(text)).isEqualTo(value);
  }
}
