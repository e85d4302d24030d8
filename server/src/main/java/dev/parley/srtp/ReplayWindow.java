package dev.parley.srtp;

/**
 * What one source has sent so far: the highest index accepted and a 64-packet sliding window of the
 * indices behind it (RFC 3711 section 3.3.2). Updated only after a packet authenticates.
 */
final class ReplayWindow {
  static final int SIZE = 64;

  /** The highest index accepted, or -1 before the first. */
  long highest = -1;

  /** Bit i set: index {@code highest - i} was accepted. */
  private long seen;

  /** 0 if {@code index} may be accepted, else the negative rejection code. */
  int check(long index) {
    if (index < 0) {
      return Rejection.TOO_OLD.code;
    }
    if (highest < 0 || index > highest) {
      return 0;
    }
    long behind = highest - index;
    if (behind >= SIZE) {
      return Rejection.TOO_OLD.code;
    }
    return (seen & (1L << behind)) != 0 ? Rejection.REPLAYED.code : 0;
  }

  void accept(long index) {
    if (highest < 0) {
      highest = index;
      seen = 1;
    } else if (index > highest) {
      long ahead = index - highest;
      seen = ahead >= SIZE ? 1 : (seen << ahead) | 1;
      highest = index;
    } else {
      seen |= 1L << (highest - index);
    }
  }
}
