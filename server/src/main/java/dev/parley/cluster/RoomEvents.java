package dev.parley.cluster;

/**
 * What other nodes tell a room on this node. Called on the directory's I/O thread, in the order
 * Redis published it; an implementation hands it over to its own executor.
 */
public interface RoomEvents {
  void event(ClusterEvent event);

  /** A signal another node routed here for one of this node's peers. */
  void signal(NodeSignal signal);

  /** Time to call {@link Directory#refresh} (from the room's own executor). */
  void heartbeat();
}
