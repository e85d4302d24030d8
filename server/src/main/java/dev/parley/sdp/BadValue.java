package dev.parley.sdp;

/** A value that does not parse; {@link SdpParser} adds the line it was on. */
final class BadValue extends Exception {
  BadValue(String problem) {
    super(problem, null, false, false);
  }
}
