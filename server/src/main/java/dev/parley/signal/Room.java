package dev.parley.signal;

import dev.parley.cluster.Member;
import dev.parley.config.SignalConfig;
import dev.parley.protocol.ClientMessage.Join;
import dev.parley.protocol.ClientMessage.Signal;
import dev.parley.protocol.CloseReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.PeerJoined;
import dev.parley.protocol.ServerMessage.PeerLeft;
import dev.parley.protocol.ServerMessage.Relayed;
import dev.parley.protocol.ServerMessage.Welcome;
import dev.parley.signal.ResumeTokens.Claims;
import io.netty.util.concurrent.EventExecutor;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One room: this node's members of it and the routing of signals between them.
 *
 * <p>Threading: an actor ({@link RoomActor}). Every method that touches members runs on {@link
 * #executor}. Sessions hold a counted {@link #references reference} from the moment they ask to
 * join until the room has processed their last message.
 *
 * <p>Which peers may enter is its {@link Membership}'s to say: on a single node the room's own
 * count, in a cluster Redis, which also tells the room of the peers other nodes hold. Signals
 * between this node's peers never leave the node; the membership sends the others on.
 */
final class Room extends RoomActor {
  /** For {@link #tellAll}: news that every connected peer is to hear. */
  static final long EVERYONE = Long.MAX_VALUE;

  /** Number of members, readable from any thread (for removal and metrics). */
  volatile int size;

  private final RoomContext context;
  private final SignalConfig config;
  private final Rooms registry;
  private final Membership membership;

  /**
   * By peer id, in join order. Executor-confined, as is everything below. Most rooms are calls of
   * two: the maps start small.
   */
  private final Map<String, Peer> members = new LinkedHashMap<>(4);

  private final Map<Session, Peer> bySession = new HashMap<>(4);

  private final RoomMediaState media;

  /**
   * @param registry the rooms this one belongs to, told whenever it may have emptied
   */
  Room(String name, EventExecutor executor, RoomContext context, Rooms registry) {
    super(name, executor);
    this.context = context;
    this.config = context.config();
    this.registry = registry;
    this.membership = context.memberships().of(this, context);
    this.media = new RoomMediaState(this, config, context.media());
  }

  void join(Session session, Join join) {
    run(() -> admit(session, join));
  }

  void relay(Session session, Signal signal) {
    run(() -> relayNow(session, signal));
  }

  /** A publish, subscribe-answer or render: for the room's media, refused in a mesh. */
  void media(Session session, RoomMediaState.Call call) {
    run(
        () -> {
          Peer from = sender(session, "media messages");
          if (from != null) {
            media.call(session, from, call);
          }
        });
  }

  /** {@code data} for every other peer of the room, each as an ordinary relayed signal. */
  void broadcast(Session session, RawJson data) {
    run(
        () -> {
          Peer from = sender(session, "signals");
          if (from == null) {
            return;
          }
          Relayed relayed = new Relayed(from.id, data, Sequence.NONE);
          // A copy: delivering may end a peer whose buffer overflowed, changing the members.
          for (Peer to : List.copyOf(members.values())) {
            if (to != from) {
              deliver(to, relayed);
            }
          }
          for (Member other : List.copyOf(membership.elsewhere())) {
            membership.forward(from.id, other.peerId(), data, Sequence.NONE);
          }
        });
  }

  /** Leave for good; the session is let go once this ran. */
  void leave(Session session) {
    run(
        () -> {
          Peer peer = bySession.remove(session);
          if (peer != null) {
            remove(peer, LeaveReason.LEFT);
          } else if (!membership.withdraw(session)) {
            session.send(new ServerMessage.Error(ErrorCode.NOT_JOINED, "not in a room"));
          }
          release();
        });
  }

  /** The session's socket is gone: its peer waits for a resume, unseen by the others. */
  void disconnected(Session session) {
    run(
        () -> {
          Peer peer = bySession.remove(session);
          if (peer != null && peer.session == session) {
            peer.session = null;
            awaitResume(peer);
            membership.presence(peer.id, false);
          }
          release();
        });
  }

  /** The members as they are now. */
  CompletableFuture<RoomSnapshot> snapshot() {
    return CompletableFuture.supplyAsync(
        () -> new RoomSnapshot(name, members.values().stream().map(Peer::snapshot).toList()),
        this::enqueue);
  }

  /**
   * Removes peers by administrator's order: the others see {@code peer-left} with {@code kicked},
   * and so does the peer itself, whose connection is then closed.
   *
   * @param peerId one peer, or {@code null} for every member (closing the room)
   * @return how many peers were removed
   */
  CompletableFuture<Integer> kick(String peerId) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<Peer> targets =
              peerId == null
                  ? List.copyOf(members.values())
                  : members.containsKey(peerId) ? List.of(members.get(peerId)) : List.of();
          for (Peer peer : targets) {
            Session session = peer.session;
            if (session != null) {
              bySession.remove(session);
              session.send(new PeerLeft(peer.id, LeaveReason.KICKED));
              session.close(CloseReason.KICKED);
            }
            remove(peer, LeaveReason.KICKED);
          }
          registry.maybeRemove(this);
          return targets.size();
        },
        this::enqueue);
  }

  /** Called by {@link Rooms} once it dropped this room, from any thread. */
  void dropped() {
    membership.dropped();
  }

  // ---- executor-confined from here on ----

  /**
   * The one way in. A resuming peer this node still holds is taken back here; every other join,
   * resumes of peers held elsewhere or before a restart included, is the membership's.
   */
  private void admit(Session session, Join join) {
    Claims claims = join.resume() == null ? null : context.tokens().verify(join.resume());
    if (claims != null && claims.room().equals(name)) {
      Peer existing = members.get(claims.peerId());
      if (existing != null && claims.serial() == existing.resumeSerial) {
        reattach(existing, session);
      } else if (existing != null) {
        resumeRefused(session); // a token used already, or superseded by a newer one
      } else {
        membership.resume(session, claims);
      }
    } else if (join.resume() != null) {
      resumeRefused(session); // expired, forged or for another room
    } else {
      membership.join(session, context.peerIds().next(), session.grant().name());
    }
  }

  /** The peer a session wanted back is gone for good: it joins afresh, under a new id. */
  void resumeRefused(Session session) {
    context.metrics().resumed(false);
    membership.join(session, context.peerIds().next(), session.grant().name());
  }

  /** Admits a peer on what this node knows of the room, or refuses it when the room is full. */
  void admitHere(Session session, String peerId, String peerName, boolean resumed) {
    if (members.size() + membership.elsewhere().size() >= config.maxPeersPerRoom()) {
      refuseFull(session);
      return;
    }
    enter(
        new Peer(peerId, peerName, session.grant().identity(), session, ResumeTokens.newSerial()),
        resumed,
        true);
  }

  void refuseFull(Session session) {
    session.send(
        new ServerMessage.Error(
            ErrorCode.ROOM_FULL,
            "room '" + name + "' is full (" + config.maxPeersPerRoom() + " peers)"));
    session.joinRefused(this);
    release();
  }

  /**
   * Makes an admitted peer a member: welcomed, then handed what was kept for it on its way.
   *
   * @param announce whether this node's other peers are told: not for a peer that only moved here
   */
  void enter(Peer peer, boolean resumed, boolean announce) {
    media.entering(members.values());
    if (!resumed) {
      context.webhooks().peerJoined(name, peer.id, peer.name, peer.identity);
    }
    Session session = peer.session;
    boolean hungUp = !session.isOpen();
    if (hungUp) {
      // It hung up while its join was being decided: it waits, away, like any dropped peer.
      peer.session = null;
    } else {
      session.send(welcome(peer, resumed));
    }
    if (announce) {
      tellAll(new PeerJoined(peer.info), EVERYONE);
    }
    members.put(peer.id, peer);
    size = members.size();
    media.joined(peer.id);
    if (hungUp) {
      awaitResume(peer);
      membership.presence(peer.id, false);
      return;
    }
    bySession.put(session, peer);
    sendPending(peer);
    if (resumed) {
      context.metrics().resumed(true);
    }
  }

  private void reattach(Peer peer, Session session) {
    peer.cancelExpiry();
    if (peer.session != null) {
      // The old socket is half-open or the client raced itself; the newest connection wins.
      bySession.remove(peer.session);
      peer.session.replaced();
    }
    boolean wasAway = peer.session == null;
    peer.session = session;
    bySession.put(session, peer);
    if (wasAway) {
      membership.presence(peer.id, true);
    }
    peer.resumeSerial = ResumeTokens.newSerial();
    membership.renewed(peer.id, peer.resumeSerial);
    session.send(welcome(peer, true));
    sendPending(peer);
    context.metrics().resumed(true);
  }

  /** Signals kept for a peer while it was away, from peers still in the room. */
  private void sendPending(Peer peer) {
    peer.sendPending(from -> members.containsKey(from) || membership.isElsewhere(from));
  }

  private void awaitResume(Peer peer) {
    peer.expiry =
        executor.schedule(
            () -> expire(peer), config.resumeWindow().toMillis(), TimeUnit.MILLISECONDS);
  }

  private Welcome welcome(Peer peer, boolean resumed) {
    return Welcomes.of(
        name, peer, resumed, media.mode(), members.values(), membership.elsewhere(), context);
  }

  /** The member a session speaks for, or {@code null} once it was told it is in no room. */
  private Peer sender(Session session, String what) {
    Peer from = bySession.get(session);
    if (from == null) {
      session.send(
          new ServerMessage.Error(ErrorCode.NOT_JOINED, "join a room before sending " + what));
    }
    return from;
  }

  private void relayNow(Session session, Signal signal) {
    Peer from = sender(session, "signals");
    if (from == null) {
      return;
    }
    Peer to = members.get(signal.to());
    if (to == null && membership.forward(from.id, signal.to(), signal.data(), signal.sequence())) {
      return;
    }
    if (to == null || to == from) {
      session.send(
          new ServerMessage.Error(
              ErrorCode.UNKNOWN_PEER, "no peer '" + signal.to() + "' in room '" + name + "'"));
      return;
    }
    deliver(to, new Relayed(from.id, signal.data(), signal.sequence()));
  }

  /** Hands a signal to a peer of this node, or keeps it while the peer is away. */
  void deliver(Peer to, Relayed relayed) {
    if (!to.away()) {
      to.session.send(relayed);
      return;
    }
    if (!to.keep(relayed, config.resumeBufferMessages(), config.resumeBufferBytes())) {
      // Losing signals silently would wedge the call; ending the session tells everyone the
      // truth, and the peer rejoins afresh when it comes back.
      expire(to);
    }
  }

  private void expire(Peer peer) {
    if (members.get(peer.id) == peer && peer.away()) {
      remove(peer, LeaveReason.TIMEOUT);
      registry.maybeRemove(this);
    }
  }

  private void remove(Peer peer, LeaveReason reason) {
    peer.cancelExpiry();
    members.remove(peer.id);
    size = members.size();
    media.left(peer.id, members.isEmpty());
    tellAll(new PeerLeft(peer.id, reason), EVERYONE);
    context.webhooks().peerLeft(name, peer.id, peer.name, peer.identity, reason.wire());
    membership.left(peer.id, reason);
  }

  /**
   * The peer resumed on another node: it goes without a word to the others (it is still in the
   * room), and its socket here, if any, is closed.
   */
  void handOver(Peer peer) {
    peer.cancelExpiry();
    members.remove(peer.id);
    size = members.size();
    if (peer.session != null) {
      bySession.remove(peer.session);
      peer.session.replaced();
    }
    registry.maybeRemove(this);
  }

  /**
   * Sends to every connected peer of this node admitted before room event {@code seq} ({@link
   * #EVERYONE} for news from this node itself).
   */
  void tellAll(ServerMessage message, long seq) {
    for (Peer other : members.values()) {
      if (!other.away() && other.joinSeq < seq) {
        other.session.send(message);
      }
    }
  }

  /** This node's member of that id, or {@code null}. */
  Peer member(String peerId) {
    return members.get(peerId);
  }

  /** This node's members, connected or away, in join order. */
  Collection<Peer> members() {
    return members.values();
  }

  private void release() {
    references.decrementAndGet();
    registry.maybeRemove(this);
  }
}
