package dev.parley.signal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A room as the admin API shows it, taken on the room's executor. */
public record RoomSnapshot(String room, List<Member> peers) {
  public RoomSnapshot {
    peers = List.copyOf(peers);
  }

  /**
   * @param name display name, {@code null} when none
   * @param identity the access token's {@code sub}, {@code null} in open mode
   * @param connected false while the peer's socket is away and it may still resume
   * @param node in a cluster, the id of the node holding the peer; {@code null} (and not shown) on
   *     a single node
   */
  public record Member(
      String peerId,
      String name,
      String identity,
      boolean connected,
      @JsonInclude(JsonInclude.Include.NON_NULL) String node) {}
}
