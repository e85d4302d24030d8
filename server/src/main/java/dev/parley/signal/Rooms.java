package dev.parley.signal;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms of this server by name. A room exists while a session refers to it or a peer (even one
 * away, waiting to resume) is in it. Creation and removal both happen inside the map's per-key
 * atomic operations, so a join never lands in a room that was just dropped.
 */
final class Rooms {
  private final ConcurrentHashMap<String, Room> byName = new ConcurrentHashMap<>();
  private final RoomContext context;
  private final int maxRooms;

  Rooms(RoomContext context) {
    this.context = context;
    this.maxRooms = context.config().maxRooms();
  }

  /**
   * The room of that name with one more reference, created if needed; {@code null} at the room
   * limit. A new room runs on {@code home}, the event loop of the connection that asks for it:
   * signals from that peer then reach the room without waking another thread, and in a room of two
   * whose peers share a loop no signal changes threads at all.
   */
  Room acquire(String name, EventExecutor home) {
    return byName.compute(
        name,
        (key, room) -> {
          if (room == null) {
            if (byName.size() >= maxRooms) {
              return null;
            }
            room = new Room(key, home, context, this);
          }
          room.references.incrementAndGet();
          return room;
        });
  }

  void maybeRemove(Room room) {
    byName.computeIfPresent(
        room.name,
        (key, current) ->
            current == room && room.references.get() == 0 && room.size == 0 ? null : current);
    if (byName.get(room.name) != room) {
      room.dropped();
    }
  }

  /** The room of that name, or {@code null}; it may empty out at any moment. */
  Room find(String name) {
    return byName.get(name);
  }

  java.util.Collection<Room> all() {
    return byName.values();
  }

  int count() {
    return byName.size();
  }

  int peers() {
    int total = 0;
    for (Room room : byName.values()) {
      total += room.size;
    }
    return total;
  }
}
