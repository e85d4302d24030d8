package dev.parley.signal;

import dev.parley.config.SignalConfig;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.ServerMessage;

/**
 * Whether a room is a mesh or SFU, and its media while SFU: an {@code auto} room turns SFU when a
 * join would make it hold more than the threshold, an {@code sfu} room is one from its first
 * member, and either stays so until it empties. Confined to the room's executor.
 */
final class RoomMediaState {
  private final Room room;
  private final SignalConfig config;

  /** {@code null} where rooms stay mesh (a cluster). */
  private final MediaPlane plane;

  /** While SFU; {@code null} while a mesh. */
  private RoomMedia media;

  RoomMediaState(Room room, SignalConfig config, MediaPlane plane) {
    this.room = room;
    this.config = config;
    this.plane = plane;
  }

  MediaMode mode() {
    return media == null ? MediaMode.MESH : MediaMode.SFU;
  }

  /** The media while SFU, else {@code null}. */
  RoomMedia media() {
    return media;
  }

  /**
   * Turns the room SFU if it is due to with this many peers in it; true when it just did, so that
   * the members already in it are told.
   */
  boolean turnIfDue(int peers) {
    if (media != null || plane == null) {
      return false;
    }
    boolean due =
        switch (config.roomMedia()) {
          case MESH -> false;
          case SFU -> true;
          case AUTO -> peers > config.roomMediaThreshold();
        };
    if (due) {
      media = plane.open(room.name, new ToMembers());
    }
    return due;
  }

  /** A peer left for good; with the last one, the room's media closes and it is a mesh again. */
  void left(String peerId, boolean empty) {
    if (media == null) {
      return;
    }
    media.left(peerId);
    if (empty) {
      media.close();
      media = null;
    }
  }

  /** The media's messages, handed to members on the room's executor. */
  private final class ToMembers implements MediaListener {
    @Override
    public void send(String peerId, ServerMessage message) {
      room.enqueue(
          () -> {
            Peer peer = room.member(peerId);
            if (peer != null && !peer.away()) {
              peer.session.send(message);
            }
          });
    }

    @Override
    public void sendAll(ServerMessage message) {
      room.enqueue(() -> room.tellAll(message, Room.EVERYONE));
    }
  }
}
