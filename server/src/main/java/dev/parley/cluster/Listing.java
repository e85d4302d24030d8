package dev.parley.cluster;

import java.util.List;

/**
 * Rooms and their peers as Redis holds them, cluster-wide, for the admin API.
 *
 * @param truncated more rooms have peers than the listing was allowed to hold
 */
public record Listing(List<Room> rooms, boolean truncated) {
  public Listing {
    rooms = List.copyOf(rooms);
  }

  /** A room with at least one live peer, its peers in no particular order. */
  public record Room(String room, List<Peer> peers) {
    public Room {
      peers = List.copyOf(peers);
    }
  }

  /**
   * @param name display name, {@code null} when none
   * @param node the node holding its socket
   * @param identity the access token's {@code sub}, {@code null} in open mode or when Redis lost it
   * @param connected false while the peer's socket is away and it may still resume
   */
  public record Peer(String peerId, String name, String node, String identity, boolean connected) {}
}
