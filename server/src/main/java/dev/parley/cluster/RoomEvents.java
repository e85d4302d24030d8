package dev.parley.cluster;

import dev.parley.signal.protocol.ServerMessage.LeaveReason;

/**
 * What other nodes tell a room on this node. Called on the directory's I/O thread, in the order
 * Redis published the events; an implementation hands them over to its own executor.
 */
public interface RoomEvents {
  /** A peer entered the room on {@code member.node()}. */
  void joined(long seq, Member member);

  /** Redis had lost a peer (it restarted, or its node could not refresh in time) and has it back. */
  void restored(long seq, Member member);

  /** A peer left for good; {@code node} held it last. */
  void left(long seq, String peerId, String node, LeaveReason reason);

  /** A peer resumed on {@code toNode}, so {@code fromNode} no longer holds it. */
  void moved(long seq, String peerId, String fromNode, String toNode);

  /** A signal another node routed here for {@code to}. */
  void signal(String from, String to, String data);

  /** Time to call {@link Directory#refresh} (from the room's own executor). */
  void heartbeat();
}
