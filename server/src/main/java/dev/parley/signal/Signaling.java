package dev.parley.signal;

import dev.parley.auth.Admission;
import dev.parley.cluster.Directory;
import dev.parley.cluster.Listing;
import dev.parley.config.LegacyConfig;
import dev.parley.config.SignalConfig;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.ServerMessage.GoAway;
import dev.parley.protocol.ServerMessage.IceServer;
import dev.parley.webhook.Webhooks;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The signaling service: opens a {@link Session} per WebSocket and holds what sessions share
 * (rooms, legacy group, metrics). Thread-safe.
 */
public final class Signaling {
  final SignalConfig config;
  final Metrics metrics;
  final Rooms rooms;
  final Admission admission;

  /** {@code null} when legacy mode is off. */
  final LegacyGroup legacy;

  /** The admin API lists this many rooms at most. */
  public static final int MAX_LISTED_ROOMS = 1000;

  /** In a cluster, Redis did not answer an admin request: nothing was read or changed. */
  public static final class ClusterUnavailable extends RuntimeException {
    ClusterUnavailable(Throwable cause) {
      super("Redis does not answer", cause);
    }
  }

  private final Memberships memberships;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

  /**
   * @param admission decides which joins may reach a room
   * @param iceServers the STUN and TURN servers, with credentials, for a peer's welcome; only ever
   *     asked for peers the admission let in
   * @param directory the rooms shared with other nodes; {@code null} on a single node
   * @param webhooks told of rooms and peers coming and going
   * @param media the media of SFU rooms; {@code null} keeps every room mesh
   */
  public Signaling(
      SignalConfig config,
      LegacyConfig legacyConfig,
      byte[] secret,
      EventExecutorGroup executors,
      Metrics metrics,
      Clock clock,
      Admission admission,
      Function<String, List<IceServer>> iceServers,
      Directory directory,
      Webhooks webhooks,
      MediaPlane media) {
    this(
        new RoomContext(
            config,
            metrics,
            new ResumeTokens(secret, config.resumeTokenTtl(), clock),
            new PeerIds(),
            iceServers,
            directory == null
                ? new Memberships.Alone(clock.millis())
                : new Memberships.Shared(directory),
            webhooks,
            media),
        admission,
        legacyConfig,
        executors);
  }

  Signaling(
      RoomContext rooms,
      Admission admission,
      LegacyConfig legacyConfig,
      EventExecutorGroup executors) {
    this.config = rooms.config();
    this.metrics = rooms.metrics();
    this.rooms = new Rooms(rooms);
    this.memberships = rooms.memberships();
    this.admission = admission;
    this.legacy =
        legacyConfig.enabled()
            ? new LegacyGroup(executors.next(), legacyConfig.candidateDelay())
            : null;
    metrics.gauge("parley.connections", "Open WebSocket connections", sessions::size);
    metrics.gauge(
        "parley.rooms", "Rooms with at least one peer or pending join", this.rooms::count);
    metrics.gauge(
        "parley.peers",
        "Peers in rooms, including those away and waiting to resume",
        this.rooms::peers);
  }

  /** A session for a freshly upgraded WebSocket; call on the channel's event loop. */
  public Session open(Channel channel) {
    Session session = new Session(channel, this);
    sessions.add(session);
    if (legacy != null) {
      legacy.add(session);
    }
    return session;
  }

  void sessionClosed(Session session) {
    sessions.remove(session);
  }

  public int openSessions() {
    return sessions.size();
  }

  /** Peers in this node's rooms, those away waiting to resume included. */
  public int peersHeld() {
    return rooms.peers();
  }

  /** Tells every client that this server is going away, so they reconnect and resume. */
  public void goAway(long reconnectInMs) {
    GoAway goAway = new GoAway(reconnectInMs);
    for (Session session : sessions) {
      session.send(goAway);
    }
  }

  /**
   * Every room and its members, for the admin API: this node's, or the cluster's.
   *
   * @param after only rooms whose names sort after this one (the last of the previous page), or
   *     {@code null} for all
   */
  public CompletableFuture<RoomList> rooms(String after) {
    if (memberships instanceof Memberships.Shared shared) {
      return shared
          .directory()
          .rooms(after, MAX_LISTED_ROOMS)
          .thenApply(
              listing ->
                  new RoomList(
                      listing.rooms().stream().map(Signaling::snapshot).toList(),
                      listing.truncated()))
          .toCompletableFuture()
          .exceptionallyCompose(Signaling::unavailable);
    }
    List<CompletableFuture<RoomSnapshot>> snapshots =
        rooms.all().stream().map(Room::snapshot).toList();
    return CompletableFuture.allOf(snapshots.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<RoomSnapshot> all =
                  snapshots.stream()
                      .map(CompletableFuture::join)
                      .filter(snapshot -> !snapshot.peers().isEmpty())
                      .filter(snapshot -> after == null || snapshot.room().compareTo(after) > 0)
                      .sorted(Comparator.comparing(RoomSnapshot::room))
                      .toList();
              return new RoomList(
                  all.subList(0, Math.min(all.size(), MAX_LISTED_ROOMS)),
                  all.size() > MAX_LISTED_ROOMS);
            });
  }

  /** One room, or empty when it has no members: on this node, or anywhere in the cluster. */
  public CompletableFuture<Optional<RoomSnapshot>> room(String name) {
    if (memberships instanceof Memberships.Shared shared) {
      return shared
          .directory()
          .room(name)
          .thenApply(listing -> listing.rooms().stream().findFirst().map(Signaling::snapshot))
          .toCompletableFuture()
          .exceptionallyCompose(Signaling::unavailable);
    }
    Room room = rooms.find(name);
    if (room == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return room.snapshot()
        .thenApply(snapshot -> Optional.of(snapshot).filter(s -> !s.peers().isEmpty()));
  }

  /**
   * Removes peers from a room by administrator's order (see {@code Room.kick}); in a cluster, the
   * nodes holding them do, and Redis says how many there were.
   *
   * @param peerId one peer, or {@code null} for all of them, which closes the room
   * @return how many were removed: 0 when there was no such room or peer
   */
  public CompletableFuture<Integer> kick(String roomName, String peerId) {
    if (memberships instanceof Memberships.Shared shared) {
      return shared
          .directory()
          .kick(roomName, peerId)
          .toCompletableFuture()
          .exceptionallyCompose(Signaling::unavailable);
    }
    Room room = rooms.find(roomName);
    return room == null ? CompletableFuture.completedFuture(0) : room.kick(peerId);
  }

  private static <T> CompletableFuture<T> unavailable(Throwable failure) {
    return CompletableFuture.failedFuture(new ClusterUnavailable(failure));
  }

  private static RoomSnapshot snapshot(Listing.Room room) {
    return new RoomSnapshot(
        room.room(),
        room.peers().stream()
            .map(
                peer ->
                    new RoomSnapshot.Member(
                        peer.peerId(), peer.name(), peer.identity(), peer.connected(), peer.node()))
            .toList());
  }

  /** Whether this node can serve fully: always on its own, while Redis answers in a cluster. */
  public boolean ready() {
    return memberships.ready();
  }
}
