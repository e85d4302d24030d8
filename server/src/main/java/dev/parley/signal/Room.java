package dev.parley.signal;

import dev.parley.auth.AccessGrant;
import dev.parley.config.SignalConfig;
import dev.parley.signal.ResumeTokens.Claims;
import dev.parley.signal.protocol.ClientMessage.Join;
import dev.parley.signal.protocol.ClientMessage.Signal;
import dev.parley.signal.protocol.ErrorCode;
import dev.parley.signal.protocol.ServerMessage;
import dev.parley.signal.protocol.ServerMessage.LeaveReason;
import dev.parley.signal.protocol.ServerMessage.PeerInfo;
import dev.parley.signal.protocol.ServerMessage.PeerJoined;
import dev.parley.signal.protocol.ServerMessage.PeerLeft;
import dev.parley.signal.protocol.ServerMessage.Permissions;
import dev.parley.signal.protocol.ServerMessage.Relayed;
import dev.parley.signal.protocol.ServerMessage.Welcome;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One room: its members and the routing of signals between them.
 *
 * <p>Threading: an actor. Every method that touches members runs on {@link #executor}, one
 * task at a time, so a sender's signals keep their order and no lock is needed. Public entry
 * points only enqueue. Sessions hold a counted {@link #references reference} from the moment
 * they ask to join until the room has processed their last message, so the room is never
 * dropped from {@link Rooms} with work still on its way.
 */
final class Room {
  final String name;
  final EventExecutor executor;
  /** Sessions that have sent this room a join and not yet been let go. */
  final AtomicInteger references = new AtomicInteger();
  /** Number of members, readable from any thread (for removal and metrics). */
  volatile int size;

  private final Signaling signaling;
  private final SignalConfig config;
  /** By peer id, in join order. Executor-confined, as is everything below. */
  private final Map<String, Peer> members = new LinkedHashMap<>();
  private final Map<Session, Peer> bySession = new HashMap<>();

  Room(String name, EventExecutor executor, Signaling signaling) {
    this.name = name;
    this.executor = executor;
    this.signaling = signaling;
    this.config = signaling.config;
  }

  void join(Session session, Join join) {
    executor.execute(() -> {
      if (!admit(session, join)) {
        session.joinRefused(this);
        release();
      }
    });
  }

  void relay(Session session, Signal signal) {
    executor.execute(() -> relayNow(session, signal));
  }

  /** Leave for good; the session is let go once this ran. */
  void leave(Session session) {
    executor.execute(() -> {
      Peer peer = bySession.remove(session);
      if (peer == null) {
        session.send(new ServerMessage.Error(ErrorCode.NOT_JOINED, "not in a room"));
      } else {
        remove(peer, LeaveReason.LEFT);
      }
      release();
    });
  }

  /** The session's socket is gone: its peer waits for a resume, unseen by the others. */
  void disconnected(Session session) {
    executor.execute(() -> {
      Peer peer = bySession.remove(session);
      if (peer != null && peer.session == session) {
        peer.session = null;
        long windowMs = config.resumeWindow().toMillis();
        peer.expiry = executor.schedule(() -> expire(peer), windowMs, TimeUnit.MILLISECONDS);
      }
      release();
    });
  }

  /** The members as they are now. */
  CompletableFuture<RoomSnapshot> snapshot() {
    return CompletableFuture.supplyAsync(() -> {
      List<RoomSnapshot.Member> peers = new ArrayList<>(members.size());
      for (Peer peer : members.values()) {
        peers.add(new RoomSnapshot.Member(peer.id, peer.name, peer.identity, !peer.away()));
      }
      return new RoomSnapshot(name, peers);
    }, executor);
  }

  /**
   * Removes peers by administrator's order: the others see {@code peer-left} with
   * {@code kicked}, and so does the peer itself, whose connection is then closed.
   *
   * @param peerId one peer, or {@code null} for every member (closing the room)
   * @return how many peers were removed
   */
  CompletableFuture<Integer> kick(String peerId) {
    return CompletableFuture.supplyAsync(() -> {
      List<Peer> targets = peerId == null
          ? List.copyOf(members.values())
          : members.containsKey(peerId) ? List.of(members.get(peerId)) : List.of();
      for (Peer peer : targets) {
        Session session = peer.session;
        if (session != null) {
          bySession.remove(session);
          session.send(new PeerLeft(peer.id, LeaveReason.KICKED));
          session.close(WebSocketCloseStatus.POLICY_VIOLATION, "removed from the room by an administrator");
        }
        remove(peer, LeaveReason.KICKED);
      }
      signaling.rooms.maybeRemove(this);
      return targets.size();
    }, executor);
  }

  // ---- executor-confined from here on ----

  private boolean admit(Session session, Join join) {
    if (join.resume() != null) {
      Claims claims = signaling.tokens.verify(join.resume());
      if (claims != null && claims.room().equals(name)) {
        Peer existing = members.get(claims.peerId());
        if (existing != null) {
          reattach(existing, session);
          return true;
        }
        if (claims.issuedAtMillis() < signaling.startedAtMillis) {
          // Issued before this server started: it restarted under the peer, which gets its
          // old id back; the others see it arrive again, which their clients take in stride.
          return admitNew(session, claims.peerId(), claims.name(), true);
        }
      }
      // Issued by this very server for a peer that is no longer here: it left or timed out.
      signaling.metrics.resumed(false);
    }
    return admitNew(session, signaling.peerIds.next(), session.grant().name(), false);
  }

  private boolean admitNew(Session session, String peerId, String peerName, boolean resumed) {
    if (members.size() >= config.maxPeersPerRoom()) {
      session.send(new ServerMessage.Error(ErrorCode.ROOM_FULL,
          "room '" + name + "' is full (" + config.maxPeersPerRoom() + " peers)"));
      return false;
    }
    Peer peer = new Peer(peerId, peerName, session.grant().identity(), session);
    session.send(welcome(peer, resumed));
    PeerJoined joined = new PeerJoined(peer.info);
    for (Peer other : members.values()) {
      if (!other.away()) {
        other.session.send(joined);
      }
    }
    members.put(peer.id, peer);
    bySession.put(session, peer);
    size = members.size();
    if (resumed) {
      signaling.metrics.resumed(true);
    }
    return true;
  }

  private void reattach(Peer peer, Session session) {
    if (peer.expiry != null) {
      peer.expiry.cancel(false);
      peer.expiry = null;
    }
    if (peer.session != null) {
      // The old socket is half-open or the client raced itself; the newest connection wins.
      bySession.remove(peer.session);
      peer.session.replaced();
    }
    peer.session = session;
    bySession.put(session, peer);
    session.send(welcome(peer, true));
    for (Relayed relayed : peer.pending) {
      if (members.containsKey(relayed.from())) {
        session.send(relayed);
      }
    }
    peer.pending.clear();
    peer.pendingBytes = 0;
    signaling.metrics.resumed(true);
  }

  private Welcome welcome(Peer peer, boolean resumed) {
    List<PeerInfo> others = new ArrayList<>(members.size());
    for (Peer other : members.values()) {
      if (other != peer) {
        others.add(other.info);
      }
    }
    AccessGrant grant = peer.session.grant();
    return new Welcome(peer.id, name, others, signaling.iceServers(peer.id),
        signaling.tokens.issue(name, peer.id, peer.name), resumed,
        new Permissions(grant.canPublish(), grant.canSendData()));
  }

  private void relayNow(Session session, Signal signal) {
    Peer from = bySession.get(session);
    if (from == null) {
      session.send(new ServerMessage.Error(ErrorCode.NOT_JOINED, "join a room before sending signals"));
      return;
    }
    Peer to = members.get(signal.to());
    if (to == null || to == from) {
      session.send(new ServerMessage.Error(ErrorCode.UNKNOWN_PEER,
          "no peer '" + signal.to() + "' in room '" + name + "'"));
      return;
    }
    Relayed relayed = new Relayed(from.id, signal.data());
    if (!to.away()) {
      to.session.send(relayed);
      return;
    }
    to.pending.add(relayed);
    to.pendingBytes += relayed.data().length();
    if (to.pending.size() > config.resumeBufferMessages() || to.pendingBytes > config.resumeBufferBytes()) {
      // Losing signals silently would wedge the call; ending the session tells everyone the
      // truth, and the peer rejoins afresh when it comes back.
      expire(to);
    }
  }

  private void expire(Peer peer) {
    if (members.get(peer.id) == peer && peer.away()) {
      remove(peer, LeaveReason.TIMEOUT);
      signaling.rooms.maybeRemove(this);
    }
  }

  private void remove(Peer peer, LeaveReason reason) {
    if (peer.expiry != null) {
      peer.expiry.cancel(false);
    }
    members.remove(peer.id);
    size = members.size();
    PeerLeft left = new PeerLeft(peer.id, reason);
    for (Peer other : members.values()) {
      if (!other.away()) {
        other.session.send(left);
      }
    }
  }

  private void release() {
    references.decrementAndGet();
    signaling.rooms.maybeRemove(this);
  }
}
