package dev.parley.signal;

import dev.parley.auth.AccessGrant;
import dev.parley.cluster.Directory;
import dev.parley.cluster.Member;
import dev.parley.cluster.Snapshot;
import dev.parley.config.SignalConfig;
import dev.parley.signal.ResumeTokens.Claims;
import dev.parley.signal.protocol.ClientMessage.Join;
import dev.parley.signal.protocol.ClientMessage.Signal;
import dev.parley.signal.protocol.ErrorCode;
import dev.parley.signal.protocol.RawJson;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One room: its members and the routing of signals between them.
 *
 * <p>Threading: an actor. Every method that touches members runs on {@link #executor}, one
 * task at a time, so a sender's signals keep their order and no lock is needed. Public entry
 * points enqueue, or run at once when already on the executor with nothing queued (see
 * {@link #run}). Sessions hold a counted {@link #references reference} from the moment
 * they ask to join until the room has processed their last message, so the room is never
 * dropped from {@link Rooms} with work still on its way.
 *
 * <p>In a cluster ({@link #directory} set) the room also has members on other nodes: Redis
 * admits every peer, and the room learns of the others through {@link ClusterLink}. Signals
 * between this node's peers never leave the node; signals to a peer elsewhere go to its node.
 */
final class Room {
  private static final long EVERYONE = Long.MAX_VALUE;
  final String name;
  final EventExecutor executor;
  /** Sessions that have sent this room a join and not yet been let go. */
  final AtomicInteger references = new AtomicInteger();
  /** Tasks handed to the executor that have not started yet (timers not counted); see {@link #run}. */
  private final AtomicInteger queued = new AtomicInteger();
  /** Number of members, readable from any thread (for removal and metrics). */
  volatile int size;

  private final Signaling signaling;
  private final SignalConfig config;
  /**
   * By peer id, in join order. Executor-confined, as is everything below. Most rooms are calls
   * of two: the maps start small.
   */
  private final Map<String, Peer> members = new LinkedHashMap<>(4);
  private final Map<Session, Peer> bySession = new HashMap<>(4);
  /** {@code null} on a single node. */
  private final Directory directory;
  /** Peers held by other nodes; {@code null} on a single node. */
  private final RemotePeers remote;
  private final ClusterLink link;
  /** Completes once this node receives the room's cluster events; {@code null} until first needed. */
  private CompletionStage<Void> watching;

  Room(String name, EventExecutor executor, Signaling signaling) {
    this.name = name;
    this.executor = executor;
    this.signaling = signaling;
    this.config = signaling.config;
    this.directory = signaling.directory;
    this.remote = directory == null ? null : new RemotePeers(directory.node());
    this.link = directory == null ? null : new ClusterLink(this);
  }

  void join(Session session, Join join) {
    run(() -> {
      if (directory != null) {
        clusterAdmit(session, join);
      } else if (!admit(session, join)) {
        refused(session);
      }
    });
  }

  private void refused(Session session) {
    session.joinRefused(this);
    release();
  }

  void relay(Session session, Signal signal) {
    run(() -> relayNow(session, signal));
  }

  /** Leave for good; the session is let go once this ran. */
  void leave(Session session) {
    run(() -> {
      Peer peer = bySession.remove(session);
      if (peer == null && directory != null && joining.remove(session) != null) {
        // It leaves before Redis answered its join: the answer finds it gone and undoes the join.
      } else if (peer == null) {
        session.send(new ServerMessage.Error(ErrorCode.NOT_JOINED, "not in a room"));
      } else {
        remove(peer, LeaveReason.LEFT);
      }
      release();
    });
  }

  /** The session's socket is gone: its peer waits for a resume, unseen by the others. */
  void disconnected(Session session) {
    run(() -> {
      Peer peer = bySession.remove(session);
      if (peer != null && peer.session == session) {
        peer.session = null;
        long windowMs = config.resumeWindow().toMillis();
        peer.expiry = executor.schedule(() -> expire(peer), windowMs, TimeUnit.MILLISECONDS);
      }
      release();
    });
  }

  /**
   * Runs a session's message on the executor: at once when already there and nothing is queued
   * for this room, as it is for most messages (a room's executor is the event loop of the member
   * that opened it). Queued, a signal waited behind everything the loop read in the meantime,
   * and under load hundreds of thousands of them waited on the heap. A message never overtakes
   * what is already queued for the room (news from other nodes above all: a signal must not be
   * routed by a view of the room that a queued event has already changed), and every entry
   * point of a session comes through here, so its messages keep their order.
   */
  private void run(Runnable task) {
    if (queued.get() == 0 && executor.inEventLoop()) {
      task.run();
    } else {
      enqueue(task);
    }
  }

  /** Queues a task on the executor, counted in {@link #queued}. Every queued task comes through here. */
  void enqueue(Runnable task) {
    queued.incrementAndGet();
    executor.execute(() -> {
      queued.decrementAndGet();
      task.run();
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
    }, this::enqueue);
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
    }, this::enqueue);
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
    if (members.size() + (remote == null ? 0 : remote.all().size()) >= config.maxPeersPerRoom()) {
      refuseFull(session);
      return false;
    }
    addMember(new Peer(peerId, peerName, session.grant().identity(), session), resumed, true);
    return true;
  }

  private void refuseFull(Session session) {
    session.send(new ServerMessage.Error(ErrorCode.ROOM_FULL,
        "room '" + name + "' is full (" + config.maxPeersPerRoom() + " peers)"));
  }

  /** @param announce whether this node's other peers are told: not for a peer that only moved here */
  private void addMember(Peer peer, boolean resumed, boolean announce) {
    Session session = peer.session;
    session.send(welcome(peer, resumed));
    if (announce) {
      tellAll(new PeerJoined(peer.info), EVERYONE);
    }
    members.put(peer.id, peer);
    bySession.put(session, peer);
    size = members.size();
    if (resumed) {
      signaling.metrics.resumed(true);
    }
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
      if (members.containsKey(relayed.from()) || (remote != null && remote.get(relayed.from()) != null)) {
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
    if (remote != null) {
      for (Member other : remote.all()) {
        others.add(new PeerInfo(other.peerId(), other.name()));
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
    if (to == null && remote != null && remote.get(signal.to()) != null) {
      directory.relay(remote.get(signal.to()).node(), name, from.id, signal.to(), signal.data().toString());
      return;
    }
    if (to == null || to == from) {
      session.send(new ServerMessage.Error(ErrorCode.UNKNOWN_PEER,
          "no peer '" + signal.to() + "' in room '" + name + "'"));
      return;
    }
    deliver(to, new Relayed(from.id, signal.data()));
  }

  /** Hands a signal to a peer of this node, or keeps it while the peer is away. */
  private void deliver(Peer to, Relayed relayed) {
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
    tellAll(new PeerLeft(peer.id, reason), EVERYONE);
    if (directory != null) {
      directory.leave(name, peer.id, reason);
    }
  }

  /**
   * Sends to every connected peer of this node admitted before room event {@code seq}
   * ({@link #EVERYONE} for news from this node itself).
   */
  private void tellAll(ServerMessage message, long seq) {
    for (Peer other : members.values()) {
      if (!other.away() && other.joinSeq < seq) {
        other.session.send(message);
      }
    }
  }

  private void release() {
    references.decrementAndGet();
    signaling.rooms.maybeRemove(this);
  }

  // ---- in a cluster; executor-confined as well ----

  /** Signals for peers resuming here from another node, held until Redis confirms the move. */
  private final Map<String, ArrayDeque<Relayed>> arriving = new HashMap<>();
  /**
   * Sessions whose join or resume Redis has not answered yet, and that have not left meanwhile,
   * each with a ticket for that one request: a session may leave and join again before the
   * first answer comes.
   */
  private final Map<Session, Object> joining = new HashMap<>();

  private CompletionStage<Void> watch() {
    if (watching == null) {
      watching = directory.watch(name, link);
    }
    return watching;
  }

  /** Called by {@link Rooms} once it dropped this room, from any thread. */
  void dropped() {
    if (directory != null) {
      directory.unwatch(name, link);
    }
  }

  private void clusterAdmit(Session session, Join join) {
    if (join.resume() != null) {
      Claims claims = signaling.tokens.verify(join.resume());
      if (claims != null && claims.room().equals(name)) {
        Peer existing = members.get(claims.peerId());
        if (existing != null) {
          reattach(existing, session);
          return;
        }
        Object ticket = new Object();
        joining.put(session, ticket);
        arriving.put(claims.peerId(), new ArrayDeque<>());
        watch().thenCompose(ignored -> directory.resume(name, claims.peerId()))
            .whenComplete((snapshot, error) -> enqueue(
                () -> resumed(session, ticket, join, claims, snapshot, error)));
        return;
      }
      signaling.metrics.resumed(false);
    }
    clusterJoin(session, signaling.peerIds.next(), session.grant().name());
  }

  private void clusterJoin(Session session, String peerId, String peerName) {
    Object ticket = new Object();
    joining.put(session, ticket);
    watch().thenCompose(ignored -> directory.join(name, peerId, peerName, config.maxPeersPerRoom()))
        .whenComplete((snapshot, error) -> enqueue(() -> {
          if (!joining.remove(session, ticket)) {
            undo(peerId, snapshot);
          } else if (error != null) {
            // Redis is away: admit on what this node knows; the next refresh registers the peer.
            watching = null;
            if (!admitNew(session, peerId, peerName, false)) {
              refused(session);
            }
          } else if (snapshot == null) {
            refuseFull(session);
            refused(session);
          } else {
            admitClustered(new Peer(peerId, peerName, session.grant().identity(), session), snapshot, false);
          }
        }));
  }

  private void resumed(Session session, Object ticket, Join join, Claims claims, Snapshot snapshot,
      Throwable error) {
    ArrayDeque<Relayed> held = arriving.remove(claims.peerId());
    if (!joining.remove(session, ticket)) {
      undo(claims.peerId(), snapshot);
    } else if (error != null) {
      // Redis cannot say where the peer was: the signed token is enough to take it back, as after
      // a restart; the next refresh registers it.
      watching = null;
      if (!admitNew(session, claims.peerId(), claims.name(), true)) {
        refused(session);
      }
    } else if (snapshot == null) {
      signaling.metrics.resumed(false); // it left or timed out meanwhile
      clusterJoin(session, signaling.peerIds.next(), session.grant().name());
    } else {
      Peer peer = new Peer(claims.peerId(), claims.name(), session.grant().identity(), session);
      if (held != null) { // null when two connections raced to resume the same peer
        peer.pending.addAll(held);
      }
      admitClustered(peer, snapshot, true);
    }
  }

  /** The client left while Redis admitted it: it leaves the cluster's room too, as anyone leaving. */
  private void undo(String peerId, Snapshot admitted) {
    if (admitted != null) {
      directory.leave(name, peerId, LeaveReason.LEFT);
    }
  }

  private void admitClustered(Peer peer, Snapshot snapshot, boolean resumed) {
    remote.merge(snapshot);
    remote.forget(peer.id);
    peer.joinSeq = snapshot.seq();
    Session session = peer.session;
    if (!session.isOpen()) {
      // It hung up while Redis was asked: it waits, away, like any dropped peer.
      peer.session = null;
      members.put(peer.id, peer);
      size = members.size();
      peer.expiry = executor.schedule(() -> expire(peer), config.resumeWindow().toMillis(), TimeUnit.MILLISECONDS);
      if (!resumed) {
        tellAll(new PeerJoined(peer.info), EVERYONE);
      }
      return;
    }
    ArrayDeque<Relayed> held = new ArrayDeque<>(peer.pending);
    peer.pending.clear();
    addMember(peer, resumed, !resumed);
    held.forEach(session::send);
  }

  void onJoined(long seq, Member member, boolean restored) {
    if (!remote.event(seq)) {
      numberingRestarted();
    }
    if (member.node().equals(directory.node())) {
      return; // this node's own peer: told here when it was admitted
    }
    boolean known = remote.get(member.peerId()) != null;
    remote.put(member);
    if (!(restored && known)) {
      tellAll(new PeerJoined(new PeerInfo(member.peerId(), member.name())), restored ? EVERYONE : seq);
    }
  }

  void onLeft(long seq, String peerId, String node, LeaveReason reason) {
    if (!remote.event(seq)) {
      numberingRestarted();
    }
    // This node's own peers are announced when they leave here; one swept while still here (its
    // node could not refresh it in time) is put back by the next refresh.
    if (!node.equals(directory.node()) && remote.remove(peerId, seq) != null) {
      tellAll(new PeerLeft(peerId, reason), seq);
    }
  }

  void onMoved(long seq, String peerId, String fromNode, String toNode) {
    if (!remote.event(seq)) {
      numberingRestarted();
    }
    if (toNode.equals(directory.node())) {
      remote.forget(peerId);
      return;
    }
    Peer peer = fromNode.equals(directory.node()) ? members.get(peerId) : null;
    if (peer == null) {
      Member known = remote.get(peerId);
      if (known != null) {
        remote.put(new Member(peerId, known.name(), toNode));
      }
      return;
    }
    // Resumed on another node: it goes quietly, its socket here (if any) is closed, and what
    // was kept for it follows it there, in order.
    if (peer.expiry != null) {
      peer.expiry.cancel(false);
    }
    members.remove(peerId);
    size = members.size();
    if (peer.session != null) {
      bySession.remove(peer.session);
      peer.session.replaced();
    }
    for (Relayed relayed : peer.pending) {
      directory.relay(toNode, name, relayed.from(), peerId, relayed.data().toString());
    }
    remote.put(new Member(peerId, peer.name, toNode));
    signaling.rooms.maybeRemove(this);
  }

  void onSignal(String from, String to, String data) {
    Relayed relayed = new Relayed(from, RawJson.of(data));
    Peer peer = members.get(to);
    ArrayDeque<Relayed> held = arriving.get(to);
    Member elsewhere = remote.get(to);
    if (peer != null) {
      deliver(peer, relayed);
    } else if (held != null) {
      held.add(relayed);
    } else if (elsewhere != null) {
      directory.relay(elsewhere.node(), name, from, to, data); // it moved on: follow it
    }
    // else it left meanwhile: like a signal to a peer that just left on one node, it is dropped
  }

  void onHeartbeat() {
    if (members.isEmpty()) {
      return;
    }
    Map<String, String> peers = new HashMap<>();
    members.forEach((id, peer) -> peers.put(id, peer.name));
    watch().thenCompose(ignored -> directory.refresh(name, peers))
        .whenComplete((snapshot, error) -> enqueue(() -> {
          if (error != null) {
            watching = null;
          } else {
            repair(remote.reconcile(snapshot));
          }
        }));
  }

  /** Tells this node's peers what a refresh showed and no event had: events lost while Redis was away. */
  private void repair(RemotePeers.Repair repair) {
    if (repair == null) {
      return;
    }
    if (repair.redisRestarted()) {
      numberingRestarted();
    }
    for (Member member : repair.appeared()) {
      tellAll(new PeerJoined(new PeerInfo(member.peerId(), member.name())), EVERYONE);
    }
    for (String peerId : repair.vanished()) {
      tellAll(new PeerLeft(peerId, LeaveReason.TIMEOUT), EVERYONE);
    }
  }

  /** Redis restarted empty and counts room events from 1 again: every later event is news. */
  private void numberingRestarted() {
    for (Peer peer : members.values()) {
      peer.joinSeq = 0;
    }
  }
}
