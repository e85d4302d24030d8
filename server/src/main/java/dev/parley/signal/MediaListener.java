package dev.parley.signal;

import dev.parley.protocol.ServerMessage;

/**
 * Where a room's media sends what its participants are to hear: publish answers, subscribe offers,
 * errors, the dominant speaker. Called from the media's thread; the room hands each message over on
 * its own executor.
 */
public interface MediaListener {
  /** For one participant; dropped if it is no longer in the room. */
  void send(String peerId, ServerMessage message);

  /** For everyone in the room. */
  void sendAll(ServerMessage message);
}
