package dev.parley.protocol;

/**
 * Every way the server itself ends a session with a WebSocket close frame: the code a client acts
 * on and the reason text people read. Frames the WebSocket layer refuses (a compressed one, say)
 * close with the codes RFC 6455 gives them, outside this family.
 *
 * <p>Earlier servers closed a kicked session with 1008, like rate abuse, and a replaced one with
 * 1000 and only this reason text to tell it apart; the SDK still accepts both for one release.
 */
public enum CloseReason {
  /** A message larger than {@code max-frame-bytes}, whole or in fragments. */
  TOO_BIG(1009, "message too big"),
  /** Still sending after a whole burst's worth of {@code rate-limited} errors. */
  RATE_ABUSE(1008, "message rate limit exceeded"),
  /**
   * An administrator removed the peer from its room (after {@code peer-left} with {@code kicked}).
   */
  KICKED(4001, "removed from the room by an administrator"),
  /** Another connection resumed this session. */
  REPLACED(4002, "resumed on another connection");

  private final int code;
  private final String reason;

  CloseReason(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
