package dev.parley.signal;

/**
 * The media of SFU rooms, which {@code signal} knows only through this: implemented by the {@code
 * media} package (a floor above) and handed in by {@code ParleyServer}, as {@code cluster}'s {@code
 * RoomEvents} is the other way round.
 */
public interface MediaPlane {
  /**
   * Opens the media of a room that turned SFU; called on the room's executor.
   *
   * @param listener where the room's media sends its messages for participants; any thread
   */
  RoomMedia open(String room, MediaListener listener);
}
