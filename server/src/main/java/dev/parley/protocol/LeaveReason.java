package dev.parley.protocol;

/** Why a peer left a room, as `peer-left` says it (and the cluster wire carries it). */
public enum LeaveReason {
  /** It sent `leave`, or closed its connection and is not coming back. */
  LEFT("left"),
  /** Its connection dropped and it did not resume within the resume window. */
  TIMEOUT("timeout"),
  /** An administrator removed it. */
  KICKED("kicked");

  private final String wire;

  LeaveReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
