package dev.parley.config;

import java.time.Duration;

/**
 * Rooms, per-connection message rate and resume.
 *
 * @param messagesPerSecond sustained rate of client messages per connection
 * @param messageBurst how many messages a connection may send at once above the sustained rate
 * @param resumeWindow how long a dropped peer stays in its room, unseen, waiting to resume
 * @param resumeBufferMessages signals kept for a dropped peer; one more ends its session
 * @param resumeBufferBytes bytes of signals kept for a dropped peer; one more ends its session
 * @param resumeTokenTtl how long a resume token stays valid after the server issued it
 * @param roomMedia how rooms carry media
 * @param roomMediaThreshold with {@link RoomMedia#AUTO}, the most peers a room holds as a mesh
 */
public record SignalConfig(
    int maxRooms,
    int maxPeersPerRoom,
    int messagesPerSecond,
    int messageBurst,
    Duration resumeWindow,
    int resumeBufferMessages,
    int resumeBufferBytes,
    Duration resumeTokenTtl,
    RoomMedia roomMedia,
    int roomMediaThreshold) {

  /** The {@code room-media} setting. */
  public enum RoomMedia {
    MESH,
    SFU,
    AUTO
  }
}
