package dev.parley.srtp;

/**
 * The per-SSRC state of one context, at most {@code cap} sources, kept in parallel arrays and
 * scanned linearly so a lookup neither boxes the SSRC nor allocates.
 */
final class Sources {
  private final int[] ssrcs;
  private final ReplayWindow[] windows;
  private int count;

  Sources(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("a context needs room for at least one source");
    }
    ssrcs = new int[cap];
    windows = new ReplayWindow[cap];
  }

  /** The window of {@code ssrc}, or null if the source is not known yet. */
  ReplayWindow find(int ssrc) {
    for (int i = 0; i < count; i++) {
      if (ssrcs[i] == ssrc) {
        return windows[i];
      }
    }
    return null;
  }

  boolean full() {
    return count == ssrcs.length;
  }

  /** Starts tracking {@code ssrc}, which is not known yet and for which there is room. */
  ReplayWindow add(int ssrc) {
    ssrcs[count] = ssrc;
    return windows[count++] = new ReplayWindow();
  }
}
