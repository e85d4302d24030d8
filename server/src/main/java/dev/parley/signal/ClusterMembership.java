package dev.parley.signal;

import dev.parley.cluster.ClusterCommand;
import dev.parley.cluster.ClusterEvent;
import dev.parley.cluster.ClusterEvent.Joined;
import dev.parley.cluster.ClusterEvent.Left;
import dev.parley.cluster.ClusterEvent.Moved;
import dev.parley.cluster.ClusterEvent.Restored;
import dev.parley.cluster.Departure;
import dev.parley.cluster.Directory;
import dev.parley.cluster.Member;
import dev.parley.cluster.NodeSignal;
import dev.parley.cluster.RoomEvents;
import dev.parley.cluster.Snapshot;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import dev.parley.protocol.ServerMessage.PeerInfo;
import dev.parley.protocol.ServerMessage.PeerJoined;
import dev.parley.protocol.ServerMessage.PeerLeft;
import dev.parley.protocol.ServerMessage.Relayed;
import dev.parley.signal.ResumeTokens.Claims;
import dev.parley.webhook.Webhooks;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A room's membership in a cluster: Redis admits every peer, and the room learns from it of the
 * peers other nodes hold ({@link RemotePeers}) and of their comings and goings.
 *
 * <p>Threading: the {@link Membership} methods and everything they touch run on the room's
 * executor. The {@link RoomEvents} methods are called on the directory's thread and only hand the
 * event to that executor, behind whatever is already queued for the room; so are the directory's
 * answers.
 */
final class ClusterMembership implements Membership, RoomEvents {
  private final Room room;
  private final Directory directory;
  private final int maxPeers;
  private final RemotePeers remote;
  private final ResumeTokens tokens;
  private final Webhooks webhooks;

  /** Signals for peers resuming here from another node, held until Redis confirms the move. */
  private final Map<String, ArrayDeque<Relayed>> arriving = new HashMap<>();

  /**
   * Sessions whose join or resume Redis has not answered yet, and that have not left meanwhile,
   * each with a ticket for that one request: a session may leave and join again before the first
   * answer comes.
   */
  private final Map<Session, Object> joining = new HashMap<>();

  /**
   * Completes once this node receives the room's cluster events; {@code null} until first needed.
   */
  private CompletionStage<Void> watching;

  ClusterMembership(
      Room room, Directory directory, int maxPeers, ResumeTokens tokens, Webhooks webhooks) {
    this.tokens = tokens;
    this.webhooks = webhooks;
    this.room = room;
    this.directory = directory;
    this.maxPeers = maxPeers;
    this.remote = new RemotePeers(directory.node());
  }

  // ---- Membership, on the room's executor ----

  @Override
  public void join(Session session, String peerId, String name) {
    Object ticket = new Object();
    joining.put(session, ticket);
    long serial = ResumeTokens.newSerial();
    watch()
        .thenCompose(
            ignored ->
                directory.join(
                    room.name, peerId, name, session.grant().identity(), maxPeers, serial))
        .whenComplete(
            (snapshot, error) ->
                room.enqueue(
                    () -> {
                      if (!joining.remove(session, ticket)) {
                        undo(peerId, snapshot);
                      } else if (error != null) {
                        // Redis is away: admit on what this node knows; the next refresh registers
                        // the peer.
                        watching = null;
                        room.admitHere(session, peerId, name, false);
                      } else if (snapshot == null) {
                        room.refuseFull(session);
                      } else {
                        startedBy(snapshot);
                        admitted(
                            new Peer(peerId, name, session.grant().identity(), session, serial),
                            snapshot,
                            false);
                      }
                    }));
  }

  @Override
  public void resume(Session session, Claims claims) {
    Object ticket = new Object();
    joining.put(session, ticket);
    arriving.put(claims.peerId(), new ArrayDeque<>());
    long serial = ResumeTokens.newSerial();
    watch()
        .thenCompose(
            ignored -> directory.resume(room.name, claims.peerId(), claims.serial(), serial))
        .whenComplete(
            (snapshot, error) ->
                room.enqueue(() -> resumed(session, ticket, claims, serial, snapshot, error)));
  }

  private void resumed(
      Session session,
      Object ticket,
      Claims claims,
      long serial,
      Snapshot snapshot,
      Throwable error) {
    ArrayDeque<Relayed> held = arriving.remove(claims.peerId());
    if (!joining.remove(session, ticket)) {
      undo(claims.peerId(), snapshot);
    } else if (error != null && tokens.spend(claims)) {
      // Redis cannot say where the peer was: the signed token is enough to take it back, once,
      // as after a restart; the next refresh registers it.
      watching = null;
      room.admitHere(session, claims.peerId(), claims.name(), true);
    } else if (error != null || snapshot == null) {
      room.resumeRefused(session); // it left or timed out meanwhile, or the token was used already
    } else {
      Peer peer =
          new Peer(claims.peerId(), claims.name(), session.grant().identity(), session, serial);
      if (held != null) { // null when two connections raced to resume the same peer
        peer.pending.addAll(held);
      }
      admitted(peer, snapshot, true);
    }
  }

  /**
   * The client left while Redis admitted it: it leaves the cluster's room too, as anyone leaving.
   * Never a member here, it is no peer of the webhooks; but a room it opened is one.
   */
  private void undo(String peerId, Snapshot admitted) {
    if (admitted != null) {
      startedBy(admitted);
      left(peerId, LeaveReason.LEFT);
    }
  }

  /**
   * A fresh join Redis admitted, alone in the room: it started the room, cluster-wide. (After a
   * resume the room was never empty; without Redis no node can tell, and none says so.)
   */
  private void startedBy(Snapshot admitted) {
    if (admitted.members().size() == 1) {
      webhooks.roomStarted(room.name);
    }
  }

  private void admitted(Peer peer, Snapshot snapshot, boolean resumed) {
    remote.merge(snapshot);
    remote.forget(peer.id);
    peer.joinSeq = snapshot.seq();
    room.enter(peer, resumed, !resumed);
  }

  @Override
  public void renewed(String peerId, long serial) {
    directory.renewed(room.name, peerId, serial);
  }

  @Override
  public void presence(String peerId, boolean connected) {
    directory.presence(room.name, peerId, connected);
  }

  @Override
  public boolean withdraw(Session session) {
    // Its join's answer finds it gone and undoes the join.
    return joining.remove(session) != null;
  }

  @Override
  public void left(String peerId, LeaveReason reason) {
    // Redis decides which leave is the last, so exactly one node reports the room finished.
    directory
        .leave(room.name, peerId, reason)
        .thenAccept(
            departure -> {
              if (departure == Departure.LAST_OUT) {
                webhooks.roomFinished(room.name);
              }
            });
  }

  @Override
  public boolean forward(String from, String to, RawJson data, Sequence sequence) {
    Member target = remote.get(to);
    if (target == null) {
      return false;
    }
    directory.relay(target.node(), new NodeSignal(room.name, from, to, data, sequence));
    return true;
  }

  @Override
  public Collection<Member> elsewhere() {
    return remote.all();
  }

  @Override
  public boolean isElsewhere(String peerId) {
    return remote.get(peerId) != null;
  }

  @Override
  public void dropped() {
    directory.unwatch(room.name, this);
  }

  private CompletionStage<Void> watch() {
    if (watching == null) {
      watching = directory.watch(room.name, this);
    }
    return watching;
  }

  // ---- RoomEvents: called on the directory's thread, handled on the room's executor ----

  @Override
  public void event(ClusterEvent event) {
    room.enqueue(() -> on(event));
  }

  @Override
  public void command(ClusterCommand command) {
    // Kicked as by this node's own admin API: each node finds only the peers it holds.
    switch (command) {
      case ClusterCommand.Kick kick -> room.kick(kick.peerId());
      case ClusterCommand.Close close -> room.kick(null);
    }
  }

  @Override
  public void signal(NodeSignal signal) {
    room.enqueue(() -> onSignal(signal));
  }

  @Override
  public void swept(List<Member> peers, boolean emptied) {
    // This node's script swept them out, so this node alone reports them (which identity each
    // had only its dead node knew).
    for (Member gone : peers) {
      webhooks.peerLeft(room.name, gone.peerId(), gone.name(), null, LeaveReason.TIMEOUT.wire());
    }
    if (emptied) {
      webhooks.roomFinished(room.name);
    }
  }

  @Override
  public void heartbeat() {
    room.enqueue(this::onHeartbeat);
  }

  private void on(ClusterEvent event) {
    if (!remote.event(event.seq())) {
      numberingRestarted();
    }
    switch (event) {
      case Joined joined -> onJoined(joined.seq(), joined.member(), false);
      case Restored restored -> onJoined(restored.seq(), restored.member(), true);
      case Left left -> onLeft(left);
      case Moved moved -> onMoved(moved);
    }
  }

  private void onJoined(long seq, Member member, boolean restored) {
    if (member.node().equals(directory.node())) {
      return; // this node's own peer: told here when it was admitted
    }
    boolean known = remote.get(member.peerId()) != null;
    remote.put(member);
    if (!(restored && known)) {
      room.tellAll(
          new PeerJoined(new PeerInfo(member.peerId(), member.name())),
          restored ? Room.EVERYONE : seq);
    }
  }

  private void onLeft(Left left) {
    // This node's own peers are announced when they leave here; one swept while still here (its
    // node could not refresh it in time) is put back by the next refresh.
    if (!left.node().equals(directory.node()) && remote.remove(left.peerId(), left.seq()) != null) {
      room.tellAll(new PeerLeft(left.peerId(), left.reason()), left.seq());
    }
  }

  private void onMoved(Moved moved) {
    String peerId = moved.peerId();
    if (moved.toNode().equals(directory.node())) {
      remote.forget(peerId);
      return;
    }
    Peer peer = moved.fromNode().equals(directory.node()) ? room.member(peerId) : null;
    if (peer == null) {
      Member known = remote.get(peerId);
      if (known != null) {
        remote.put(new Member(peerId, known.name(), moved.toNode()));
      }
      return;
    }
    // Resumed on another node: what was kept for it here follows it there, in order.
    for (Relayed relayed : peer.pending) {
      directory.relay(
          moved.toNode(),
          new NodeSignal(room.name, relayed.from(), peerId, relayed.data(), relayed.sequence()));
    }
    remote.put(new Member(peerId, peer.name, moved.toNode()));
    room.handOver(peer);
  }

  private void onSignal(NodeSignal signal) {
    Peer peer = room.member(signal.to());
    ArrayDeque<Relayed> held = arriving.get(signal.to());
    Member elsewhere = remote.get(signal.to());
    if (peer != null) {
      room.deliver(peer, new Relayed(signal.from(), signal.data(), signal.sequence()));
    } else if (held != null) {
      held.add(new Relayed(signal.from(), signal.data(), signal.sequence()));
    } else if (elsewhere != null) {
      directory.relay(elsewhere.node(), signal); // it moved on: follow it
    }
    // else it left meanwhile: like a signal to a peer that just left on one node, it is dropped
  }

  private void onHeartbeat() {
    if (room.members().isEmpty()) {
      return;
    }
    Map<String, String> peers = new HashMap<>();
    room.members().forEach(peer -> peers.put(peer.id, peer.name));
    watch()
        .thenCompose(ignored -> directory.refresh(room.name, peers))
        .whenComplete(
            (snapshot, error) ->
                room.enqueue(
                    () -> {
                      if (error != null) {
                        watching = null;
                      } else {
                        repair(remote.reconcile(snapshot));
                      }
                    }));
  }

  /**
   * Tells this node's peers what a refresh showed and no event had: events lost while Redis was
   * away.
   */
  private void repair(RemotePeers.Repair repair) {
    if (repair == null) {
      return;
    }
    if (repair.redisRestarted()) {
      numberingRestarted();
    }
    for (Member member : repair.appeared()) {
      room.tellAll(new PeerJoined(new PeerInfo(member.peerId(), member.name())), Room.EVERYONE);
    }
    for (String peerId : repair.vanished()) {
      room.tellAll(new PeerLeft(peerId, LeaveReason.TIMEOUT), Room.EVERYONE);
    }
  }

  /** Redis restarted empty and counts room events from 1 again: every later event is news. */
  private void numberingRestarted() {
    for (Peer peer : room.members()) {
      peer.joinSeq = 0;
    }
  }
}
