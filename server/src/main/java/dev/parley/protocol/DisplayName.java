package dev.parley.protocol;

/**
 * The protocol's rule for display names, wherever a name comes from: a {@code join} or an access
 * token's {@code name} claim. At most 64 code points, no control characters; empty means none.
 */
public final class DisplayName {
  static final int MAX_CODE_POINTS = 64;

  private DisplayName() {}

  /** The name as the protocol allows it, {@code null} for none. */
  public static String check(String name) throws ProtocolException {
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "field 'name' must be at most " + MAX_CODE_POINTS + " characters");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "field 'name' must not contain control characters");
    }
    return name;
  }
}
