package dev.parley.signal;

import dev.parley.protocol.ServerMessage.PeerInfo;
import dev.parley.protocol.ServerMessage.Relayed;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;

/**
 * A member of a room. While its socket is away ({@link #session} is {@code null}) it stays in the
 * room, unseen by the others, and its inbound signals wait in {@link #pending}. Only touched on its
 * room's executor.
 */
final class Peer {
  final String id;
  final String name;

  /**
   * The application's id for this person (an access token's {@code sub}), {@code null} in open
   * mode.
   */
  final String identity;

  final PeerInfo info;

  /** The socket this peer speaks through, or {@code null} while it is away. */
  Session session;

  /** Armed while the peer is away: ends its membership when the resume window passes. */
  ScheduledFuture<?> expiry;

  /** Most peers never go away: no room is reserved up front. */
  final ArrayDeque<Relayed> pending = new ArrayDeque<>(0);

  private int pendingBytes;

  /**
   * In a cluster, the number of the room event that admitted this peer: it was welcomed with
   * everything up to there, so only later events from other nodes are news to it.
   */
  long joinSeq;

  /**
   * The serial of the next or newest resume token this peer is given: the only one that resumes it.
   */
  long resumeSerial;

  Peer(String id, String name, String identity, Session session, long resumeSerial) {
    this.id = id;
    this.name = name;
    this.identity = identity;
    this.info = new PeerInfo(id, name);
    this.session = session;
    this.resumeSerial = resumeSerial;
  }

  boolean away() {
    return session == null;
  }

  /** Keeps a signal for this away peer; false once that passes either bound of its buffer. */
  boolean keep(Relayed relayed, int maxMessages, int maxBytes) {
    pending.add(relayed);
    pendingBytes += relayed.data().length();
    return pending.size() <= maxMessages && pendingBytes <= maxBytes;
  }

  /** Sends what was kept while away, of the senders still {@code inRoom}, and forgets the rest. */
  void sendPending(Predicate<String> inRoom) {
    for (Relayed relayed : pending) {
      if (inRoom.test(relayed.from())) {
        session.send(relayed);
      }
    }
    pending.clear();
    pendingBytes = 0;
  }

  /** As an administrator sees it; the node is left to the cluster's view. */
  RoomSnapshot.Member snapshot() {
    return new RoomSnapshot.Member(id, name, identity, !away(), null);
  }

  void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }
}
