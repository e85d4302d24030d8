package dev.parley.signal;

import dev.parley.config.SignalConfig;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.MediaChanged;
import java.util.Collection;

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

  /** A media message of a member: what it asks of the room's media. */
  @FunctionalInterface
  interface Call {
    void call(RoomMedia media, String peerId);
  }

  RoomMediaState(Room room, SignalConfig config, MediaPlane plane) {
    this.room = room;
    this.config = config;
    this.plane = plane;
  }

  MediaMode mode() {
    return media == null ? MediaMode.MESH : MediaMode.SFU;
  }

  /** A member's media message, or its refusal while the room is a mesh. */
  void call(Session session, Peer from, Call call) {
    if (media == null) {
      session.send(
          new ServerMessage.Error(
              ErrorCode.NOT_SFU,
              "room '" + room.name + "' is a mesh: media goes peer to peer, not to the server"));
    } else {
      call.call(media, from.id);
    }
  }

  /**
   * A peer is about to enter: the room turns SFU if it is due to with one more peer, and then its
   * members so far are told and become the media's.
   */
  void entering(Collection<Peer> members) {
    if (turnIfDue(members.size() + 1)) {
      room.tellAll(new MediaChanged(MediaMode.SFU), Room.EVERYONE);
      for (Peer member : members) {
        media.joined(member.id);
      }
    }
  }

  /** A peer entered: the media's too while the room is SFU. */
  void joined(String peerId) {
    if (media != null) {
      media.joined(peerId);
    }
  }

  private boolean turnIfDue(int peers) {
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
