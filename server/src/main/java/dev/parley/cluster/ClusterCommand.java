package dev.parley.cluster;

/**
 * An administrator's order for a room, published on the room's channel by the node whose admin API
 * was called (wire form in {@link ClusterWire}), carried out by every node holding peers of the
 * room: each kicks those it holds, as a kick on its own admin API would.
 */
public sealed interface ClusterCommand {
  /** Kick one peer: only the node that holds it finds it. */
  record Kick(String peerId) implements ClusterCommand {}

  /** Close the room: every node kicks every peer of it that it holds. */
  record Close() implements ClusterCommand {}
}
