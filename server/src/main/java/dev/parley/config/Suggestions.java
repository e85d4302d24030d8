package dev.parley.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the setting a mistyped name most likely meant. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The known key a mistyped one most likely meant: the same words in another case style ({@code
   * maxPeersPerRoom}, {@code MAX_PEERS_PER_ROOM}), or a few letters off.
   */
  static Optional<Setting<?>> closest(String typed) {
    String normal =
        typed.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    Setting<?> best =
        Setting.all().stream()
            .min(Comparator.comparingInt(s -> editDistance(normal, s.key())))
            .orElseThrow();
    return editDistance(normal, best.key()) <= Math.max(1, best.key().length() / 4)
        ? Optional.of(best)
        : Optional.empty();
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
