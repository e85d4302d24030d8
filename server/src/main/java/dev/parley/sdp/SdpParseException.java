package dev.parley.sdp;

/**
 * A session description that is not one Parley takes: malformed, or past a bound of {@link
 * SdpParser}. Checked, because every caller holds text from a browser and must answer it with an
 * error; the parser throws nothing else, whatever the input.
 */
public final class SdpParseException extends Exception {
  private final int line;

  /**
   * @param line the 1-based line the problem is on, 0 for the description as a whole
   */
  public SdpParseException(int line, String problem) {
    super(line == 0 ? problem : "line " + line + ": " + problem, null, false, false);
    this.line = line;
  }

  /** The 1-based line the problem is on, 0 for the description as a whole. */
  public int line() {
    return line;
  }
}
