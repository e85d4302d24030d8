package dev.parley.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of one setting into its value. Every source hands over text (a YAML sequence is
 * joined with commas first), so a value means the same wherever it is written.
 *
 * @param label what a value looks like, for {@code --help}
 * @param list whether the value is a comma-separated list, which YAML may also write as a sequence
 * @param parse throws {@link Invalid} when the text is not a value
 */
record Parser<T>(String label, boolean list, Function<String, T> parse) {

  /** A value that does not parse; the message completes "expected ...". */
  static final class Invalid extends RuntimeException {
    Invalid(String expected) {
      super(expected, null, false, false);
    }
  }

  // 1d is the largest unit accepted, and no setting needs more than a year. The cap also keeps
  // every duration far from the overflow of Duration.toNanos(), which Netty's timers use.
  private static final Duration MAX_DURATION = Duration.ofDays(365);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,12})\\s*(b|kib|mib)?", Pattern.CASE_INSENSITIVE);
  static final int KIB = 1024;
  static final int MIB = 1024 * KIB;

  T apply(String text) {
    return parse.apply(text);
  }

  static Parser<Integer> wholeNumber(int min, int max) {
    return new Parser<>(
        "<n>",
        false,
        text -> {
          long value;
          try {
            value = Long.parseLong(text.strip());
          } catch (NumberFormatException e) {
            throw new Invalid("a whole number");
          }
          if (value < min || value > max) {
            throw new Invalid(
                "a whole number "
                    + range(
                        Integer.toString(min), Integer.toString(max), max == Integer.MAX_VALUE));
          }
          return (int) value;
        });
  }

  /** Bytes: a plain number, or a number with {@code B}, {@code KiB} or {@code MiB}. */
  static Parser<Integer> size(int min, int max) {
    return new Parser<>(
        "<size>",
        false,
        text -> {
          Matcher m = SIZE.matcher(text.strip());
          if (!m.matches()) {
            throw new Invalid("a size such as 65536, 64KiB or 1MiB");
          }
          long unit =
              switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
                case "kib" -> KIB;
                case "mib" -> MIB;
                default -> 1;
              };
          long value = Long.parseLong(m.group(1)) * unit;
          if (value < min || value > max) {
            throw new Invalid("a size " + range(formatSize(min), formatSize(max), false));
          }
          return (int) value;
        });
  }

  /**
   * {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT20S}), or
   * {@code 0}.
   */
  static Parser<Duration> duration(Duration min) {
    return new Parser<>(
        "<duration>",
        false,
        text -> {
          Duration value = parseDuration(text.strip());
          if (value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
            throw new Invalid(
                "a duration " + range(formatDuration(min), formatDuration(MAX_DURATION), false));
          }
          return value;
        });
  }

  private static Duration parseDuration(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        // fall through to the common message
      }
    }
    throw new Invalid("a duration such as 500ms, 20s, 5m, 1h, 1d or PT20S");
  }

  static Parser<Boolean> bool() {
    return new Parser<>(
        "<bool>",
        false,
        text ->
            switch (text.strip().toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on" -> true;
              case "false", "no", "off" -> false;
              default -> throw new Invalid("true or false (or yes/no, on/off)");
            });
  }

  /** One of a few lower-case words, matched ignoring case, handed to {@code convert}. */
  static <T> Parser<T> oneOf(List<String> words, Function<String, T> convert) {
    String label = String.join("|", words);
    return new Parser<>(
        label,
        false,
        text -> {
          String word = text.strip().toLowerCase(Locale.ROOT);
          if (!words.contains(word)) {
            throw new Invalid("one of " + String.join(", ", words));
          }
          return convert.apply(word);
        });
  }

  /**
   * @param whenEmpty what to expect instead of an empty list, or {@code null} if empty is fine
   */
  static Parser<List<String>> list(String label, UnaryOperator<String> element, String whenEmpty) {
    return new Parser<>(
        label,
        true,
        text -> {
          List<String> values =
              Arrays.stream(text.split(","))
                  .map(String::strip)
                  .filter(s -> !s.isEmpty())
                  .map(element)
                  .toList();
          if (whenEmpty != null && values.isEmpty()) {
            throw new Invalid(whenEmpty);
          }
          return values;
        });
  }

  static Parser<Path> directory() {
    return new Parser<>(
        "<dir>",
        false,
        text -> {
          Path path = path(text, "a directory that exists");
          if (!Files.isDirectory(path)) {
            throw new Invalid("a directory that exists");
          }
          return path;
        });
  }

  /** A path; whether the file exists is for the caller to say, in its own words. */
  static Parser<Path> file() {
    return new Parser<>("<file>", false, text -> path(text, "a file path"));
  }

  private static Path path(String text, String expected) {
    if (text.isBlank()) {
      throw new Invalid(expected);
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new Invalid(expected);
    }
  }

  /** A shared secret; short ones are refused because HMAC keys that short can be guessed. */
  static Parser<String> secret(int minLength) {
    return new Parser<>(
        "<secret>",
        false,
        text -> {
          if (text.length() < minLength) {
            throw new Invalid("at least " + minLength + " characters, got " + text.length());
          }
          return text;
        });
  }

  /** Free text, such as a realm; not empty. */
  static Parser<String> word() {
    return new Parser<>(
        "<text>",
        false,
        text -> {
          if (text.isBlank() || text.length() > 127) {
            throw new Invalid("between 1 and 127 characters");
          }
          return text.strip();
        });
  }

  private static String range(String min, String max, boolean unbounded) {
    return unbounded ? "of at least " + min : "from " + min + " to " + max;
  }

  /** The inverse of {@link #size}: the largest unit that divides exactly. */
  static String formatSize(long bytes) {
    if (bytes != 0 && bytes % MIB == 0) {
      return bytes / MIB + "MiB";
    }
    if (bytes != 0 && bytes % KIB == 0) {
      return bytes / KIB + "KiB";
    }
    return Long.toString(bytes);
  }

  /** The inverse of {@link #duration}: the largest unit that divides exactly. */
  static String formatDuration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.getNano() % 1_000_000 != 0) {
      return d.toString();
    }
    long ms = d.toMillis();
    record Unit(String name, long millis) {}
    for (Unit unit :
        List.of(
            new Unit("d", 86_400_000),
            new Unit("h", 3_600_000),
            new Unit("m", 60_000),
            new Unit("s", 1000))) {
      if (ms % unit.millis() == 0) {
        return ms / unit.millis() + unit.name();
      }
    }
    return ms + "ms";
  }
}
