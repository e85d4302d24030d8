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
  RATE_LIMITED("rate-limited"),
  /** A publish offer or subscribe answer that could not be parsed or answered. */
  BAD_SDP("bad-sdp"),
  /** publish, subscribe-answer or render in a room that is not SFU. */
  NOT_SFU("not-sfu"),
  /** Past the tracks per participant or the bitrate a publisher may send. */
  MEDIA_LIMIT("media-limit");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
