package dev.parley.signal;

import java.util.List;

/**
 * Rooms with peers as the admin API lists them, in name order.
 *
 * @param truncated more rooms have peers than {@link Signaling#MAX_LISTED_ROOMS}
 */
public record RoomList(List<RoomSnapshot> rooms, boolean truncated) {
  public RoomList {
    rooms = List.copyOf(rooms);
  }
}
