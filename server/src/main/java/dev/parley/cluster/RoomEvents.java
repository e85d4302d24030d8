package dev.parley.cluster;

import java.util.List;

/**
 * What other nodes tell a room on this node. Called on the directory's I/O thread, in the order
 * Redis published it; an implementation hands it over to its own executor.
 */
public interface RoomEvents {
  void event(ClusterEvent event);

  /** An administrator's order for the room, from any node's admin API. */
  void command(ClusterCommand command);

  /** A signal another node routed here for one of this node's peers. */
  void signal(NodeSignal signal);

  /**
   * A script this node ran swept these peers out of the room (their node stopped refreshing them),
   * called before the script's stage completes. Every node hears of each as a {@link
   * ClusterEvent.Left}; only this one is told it was the one.
   *
   * @param emptied they were the room's last peers: the sweep ended the room
   */
  void swept(List<Member> peers, boolean emptied);

  /** Time to call {@link Directory#refresh} (from the room's own executor). */
  void heartbeat();
}
