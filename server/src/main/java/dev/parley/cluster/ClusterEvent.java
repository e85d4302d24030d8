package dev.parley.cluster;

import dev.parley.protocol.LeaveReason;

/**
 * What happened to a room in Redis, as the Lua scripts announce it on the room's channel (wire form
 * in {@link ClusterWire}). Every change numbers its event from the room's counter.
 */
public sealed interface ClusterEvent {
  /** The room's event counter right after this change. */
  long seq();

  /** A peer entered the room on {@code member.node()}. */
  record Joined(long seq, Member member) implements ClusterEvent {}

  /**
   * Redis had lost a peer (it restarted, or its node could not refresh in time) and has it back.
   */
  record Restored(long seq, Member member) implements ClusterEvent {}

  /** A peer left for good; {@code node} held it last. */
  record Left(long seq, String peerId, String node, LeaveReason reason) implements ClusterEvent {}

  /** A peer resumed on {@code toNode}, so {@code fromNode} no longer holds it. */
  record Moved(long seq, String peerId, String fromNode, String toNode) implements ClusterEvent {}
}
