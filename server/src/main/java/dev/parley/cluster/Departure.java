package dev.parley.cluster;

/** What became of a peer this node asked Redis to remove from a room. */
public enum Departure {
  /** Removed, and it was the room's last peer: the room is over, cluster-wide. */
  LAST_OUT,
  /** Removed; others are still in the room. */
  REMOVED,
  /** Another node holds it by now (it resumed there): nothing changed. */
  HELD_ELSEWHERE,
  /** It was gone already (swept out by another node): nothing changed. */
  ALREADY_GONE;

  /** The leave script's reply: peers left in the room, -1 held elsewhere, -2 gone already. */
  static Departure of(long reply) {
    if (reply == -1) {
      return HELD_ELSEWHERE;
    }
    if (reply == -2) {
      return ALREADY_GONE;
    }
    if (reply < 0) {
      throw new ClusterWire.Malformed("not a leave script's reply: " + reply);
    }
    return reply == 0 ? LAST_OUT : REMOVED;
  }
}
