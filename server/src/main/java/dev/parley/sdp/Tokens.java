package dev.parley.sdp;

import java.util.List;
import java.util.regex.Pattern;

/** Splitting and number reading for SDP values, failing with {@link BadValue}, never unchecked. */
final class Tokens {
  private static final Pattern SPACES = Pattern.compile("[ \\t]+");

  private Tokens() {}

  /**
   * The text without the spaces and tabs at its ends: only those, the separators SDP knows, so that
   * what is stripped once is stripped for good.
   */
  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** The value's whitespace-separated tokens, none empty. */
  static List<String> split(String value) {
    String trimmed = strip(value);
    return trimmed.isEmpty() ? List.of() : List.of(SPACES.split(trimmed));
  }

  /** The first token and the (stripped) rest, {@code ""} when there is no rest. */
  static String[] head(String value, String what) throws BadValue {
    String trimmed = strip(value);
    if (trimmed.isEmpty()) {
      throw new BadValue(what + " is empty");
    }
    int space = indexOfSpace(trimmed);
    return space < 0
        ? new String[] {trimmed, ""}
        : new String[] {trimmed.substring(0, space), strip(trimmed.substring(space))};
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isSpace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** A decimal number in [min, max]. */
  static long number(String text, long min, long max, String what) throws BadValue {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadValue(what + " is not a number: \"" + text + "\"");
    }
    long n = Long.parseLong(text);
    if (n < min || n > max) {
      throw new BadValue(what + " " + n + " is outside " + min + ".." + max);
    }
    return n;
  }

  static int integer(String text, int min, int max, String what) throws BadValue {
    return (int) number(text, min, max, what);
  }

  /** A token: non-empty, no whitespace. */
  static String token(String text, String what) throws BadValue {
    String t = strip(text);
    if (t.isEmpty() || indexOfSpace(t) >= 0) {
      throw new BadValue(what + " is not one word: \"" + text + "\"");
    }
    return t;
  }
}
