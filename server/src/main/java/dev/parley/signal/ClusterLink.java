package dev.parley.signal;

import dev.parley.cluster.Member;
import dev.parley.cluster.RoomEvents;
import dev.parley.signal.protocol.ServerMessage.LeaveReason;

/** Hands a room's cluster events, which arrive on the directory's thread, to the room's executor. */
final class ClusterLink implements RoomEvents {
  private final Room room;

  ClusterLink(Room room) {
    this.room = room;
  }

  @Override
  public void joined(long seq, Member member) {
    room.enqueue(() -> room.onJoined(seq, member, false));
  }

  @Override
  public void restored(long seq, Member member) {
    room.enqueue(() -> room.onJoined(seq, member, true));
  }

  @Override
  public void left(long seq, String peerId, String node, LeaveReason reason) {
    room.enqueue(() -> room.onLeft(seq, peerId, node, reason));
  }

  @Override
  public void moved(long seq, String peerId, String fromNode, String toNode) {
    room.enqueue(() -> room.onMoved(seq, peerId, fromNode, toNode));
  }

  @Override
  public void signal(String from, String to, String data) {
    room.enqueue(() -> room.onSignal(from, to, data));
  }

  @Override
  public void heartbeat() {
    room.enqueue(room::onHeartbeat);
  }
}
