package dev.parley.protocol;

/** The stable {@code code} of an {@code error} message; the wire form is {@link #wire()}. */
public enum ErrorCode {
  BAD_JSON("bad-json"),
  BAD_MESSAGE("bad-message"),
  UNKNOWN_TYPE("unknown-type"),
  NOT_JOINED("not-joined"),
  ALREADY_JOINED("already-joined"),
  UNAUTHORIZED("unauthorized"),
  ROOM_FULL("room-full"),
  UNKNOWN_PEER("unknown-peer"),
  RATE_LIMITED("rate-limited");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
