package dev.parley.cluster;

import dev.parley.protocol.LeaveReason;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Rooms and peers shared by every node of a cluster, and delivery between the nodes. Redis holds
 * the state and does the atomic parts (a Lua script per change), so Parley decides nothing by vote
 * of its own. Without a cluster there is no directory at all: a room is only in memory.
 *
 * <p>A room calls these from its own executor, one call at a time, so the commands of one room
 * reach Redis in the order the room made them. Every stage completes on the directory's I/O thread;
 * a failed one means Redis could not be reached in time.
 */
public interface Directory {
  /** This node's id, fresh at every start. */
  String node();

  /** Starts delivering the room's events here; completes once subscribed. */
  CompletionStage<Void> watch(String room, RoomEvents events);

  /** Stops delivering the room's events, unless another listener took its place meanwhile. */
  void unwatch(String room, RoomEvents events);

  /**
   * Adds a peer held by this node; {@code null} when the room already has {@code maxPeers}.
   *
   * @param identity the access token's {@code sub}, {@code null} in open mode; kept for the admin
   *     API's listing
   * @param serial the serial of the resume token it will be given, the only one that resumes it
   */
  CompletionStage<Snapshot> join(
      String room, String peerId, String name, String identity, int maxPeers, long serial);

  /**
   * Takes over a peer another node held, if {@code presented} is the serial of its newest resume
   * token; from then on only {@code next} resumes it. {@code null} when the room no longer has the
   * peer, or the token was used or superseded.
   */
  CompletionStage<Snapshot> resume(String room, String peerId, long presented, long next);

  /** A peer this node holds resumed here: only tokens of {@code serial} resume it from now on. */
  void renewed(String room, String peerId, long serial);

  /**
   * Removes a peer this node holds.
   *
   * @return whether it was removed, and whether it was the room's last peer
   */
  CompletionStage<Departure> leave(String room, String peerId, LeaveReason reason);

  /**
   * Keeps this node's peers of a room alive (re-adding any Redis lost), removes peers whose node
   * stopped refreshing them, and reports who is in the room.
   *
   * @param peers peer id to name, every peer of the room this node holds, connected or away
   */
  CompletionStage<Snapshot> refresh(String room, Map<String, String> peers);

  /**
   * A peer this node holds lost its socket or got it back, as the admin API's listing shows it;
   * fire and forget.
   */
  void presence(String room, String peerId, boolean connected);

  /**
   * Every room with live peers, cluster-wide, in name order, for the admin API.
   *
   * @param after the listing starts after this name; {@code null} from the first room
   * @param maxRooms how many rooms at most; more make the listing {@link Listing#truncated}
   */
  CompletionStage<Listing> rooms(String after, int maxRooms);

  /** One room, cluster-wide: a listing of it alone, or of none when it has no live peers. */
  CompletionStage<Listing> room(String room);

  /**
   * Has the nodes holding a room's peers kick one of them, or all (closing the room), as their own
   * admin API would; the room's events then tell everyone.
   *
   * @param peerId one peer, or {@code null} for every peer of the room
   * @return how many peers Redis had there to kick: 0 when no node holds such a room or peer
   */
  CompletionStage<Integer> kick(String room, String peerId);

  /** Routes a signal to the node holding its target; fire and forget. */
  void relay(String node, NodeSignal signal);

  /** Whether Redis answered the last heartbeat. */
  boolean healthy();

  void close();
}
