package dev.parley.srtp;

/**
 * Why a packet was not protected or unprotected. The packet methods return a length, or the
 * negative {@link #code} of one of these, so a bad packet costs no exception and no allocation;
 * {@link #of} turns the code back into a constant for counting.
 */
public enum Rejection {
  /** Shorter than its header, index and tag, or a header that runs past the packet. */
  TOO_SHORT(-1),
  /** The tag does not match: forged, corrupted, or keyed differently. */
  AUTH_FAILED(-2),
  /** An index already accepted inside the replay window. */
  REPLAYED(-3),
  /** An index behind the replay window, or before the first index of the source. */
  TOO_OLD(-4),
  /** A new SSRC while the context already tracks its cap of sources. */
  TOO_MANY_SOURCES(-5),
  /** Protecting would reuse a GCM nonce (the same SSRC and index twice), which the JDK refuses. */
  NONCE_REUSED(-6);

  public final int code;

  Rejection(int code) {
    this.code = code;
  }

  /** The rejection a negative result stands for. */
  public static Rejection of(int result) {
    if (result >= 0 || -result > values().length) {
      throw new IllegalArgumentException(result + " is a length, not a rejection code");
    }
    return values()[-result - 1];
  }
}
