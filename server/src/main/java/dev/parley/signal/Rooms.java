package dev.parley.signal;

import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms of this server by name. A room exists while a session refers to it or a peer
 * (even one away, waiting to resume) is in it. Creation and removal both happen inside the
 * map's per-key atomic operations, so a join never lands in a room that was just dropped.
 */
final class Rooms {
  private final ConcurrentHashMap<String, Room> byName = new ConcurrentHashMap<>();
  private final EventExecutorGroup executors;
  private final Signaling signaling;
  private final int maxRooms;

  Rooms(EventExecutorGroup executors, Signaling signaling, int maxRooms) {
    this.executors = executors;
    this.signaling = signaling;
    this.maxRooms = maxRooms;
  }

  /** The room of that name with one more reference, created if needed; {@code null} at the room limit. */
  Room acquire(String name) {
    return byName.compute(name, (key, room) -> {
      if (room == null) {
        if (byName.size() >= maxRooms) {
          return null;
        }
        room = new Room(key, executors.next(), signaling);
      }
      room.references.incrementAndGet();
      return room;
    });
  }

  void maybeRemove(Room room) {
    byName.computeIfPresent(room.name, (key, current) ->
        current == room && room.references.get() == 0 && room.size == 0 ? null : current);
    if (signaling.directory != null && byName.get(room.name) != room) {
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
