package dev.parley.signal;

/**
 * One SFU room's media, as its room drives it. Every call comes from the room's executor and
 * returns at once: the media runs on its own thread and answers through the {@link MediaListener}.
 */
public interface RoomMedia {
  /** A participant is in the room (joined, or there when it turned SFU): it is to receive. */
  void joined(String peerId);

  /** The offer of the participant's publish connection. */
  void publish(String peerId, String sdp);

  /** The participant's answer to its latest subscribe offer. */
  void subscribeAnswer(String peerId, String sdp);

  /** The size the participant renders a track at, 0 x 0 when not shown. */
  void render(String peerId, String trackId, int width, int height);

  /** The participant left the room for good: its connections and tracks go. */
  void left(String peerId);

  /** The room emptied: everything of it goes. */
  void close();
}
