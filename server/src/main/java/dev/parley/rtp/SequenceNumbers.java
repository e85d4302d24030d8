package dev.parley.rtp;

/**
 * Arithmetic on RTP's 16-bit sequence numbers, which wrap (RFC 3550 section 5.1 and appendix A.1):
 * of two numbers less than half the space apart, the one ahead is the newer.
 */
public final class SequenceNumbers {
  private static final int MODULUS = 1 << 16;

  private SequenceNumbers() {}

  /** {@code a - b} taken the short way round: -32768 to 32767; positive if {@code a} is newer. */
  public static int delta(int a, int b) {
    return (short) (a - b);
  }

  /** Whether {@code a} comes after {@code b}, across a wrap. */
  public static boolean isNewer(int a, int b) {
    return delta(a, b) > 0;
  }

  /** {@code sequence + offset} in 16 bits. */
  public static int add(int sequence, int offset) {
    return (sequence + offset) & (MODULUS - 1);
  }

  /**
   * Unwraps one stream's 16-bit numbers into 64-bit ones that only grow with the sender's order
   * (RFC 3550's extended highest sequence number): the roll-over count is taken from the highest
   * number seen, so a late packet from before a wrap gets the count it was sent with. The first
   * number seen has count 0, so a late packet from before it, across a wrap, extends to a negative
   * number.
   */
  public static final class Extender {
    private long highest = -1;

    /** The extended form of {@code sequence}; also advances the highest if it is newer. */
    public long extend(int sequence) {
      if (highest < 0) {
        highest = sequence;
        return sequence;
      }
      long extended = highest + delta(sequence, (int) highest);
      if (extended > highest) {
        highest = extended;
      }
      return extended;
    }

    /** The highest extended number seen, or -1 before the first. */
    public long highest() {
      return highest;
    }
  }
}
