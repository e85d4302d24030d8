package dev.parley.cluster;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.LeaveReason;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Directory} in Redis, through Lettuce's {@link RedisConnections}, at the keys and on
 * the channels of {@link RedisKeys}. Each room has an event channel; each node a channel for the
 * signals routed to it. A node publishes on one connection and receives on one, so what one node
 * sends another arrives in the order it was sent. Values travel as bytes, decoded by {@link
 * ClusterWire}: a signal stays the sender's UTF-8 from one node's client to the other's.
 */
public final class RedisDirectory implements Directory {
  private static final Logger log = LoggerFactory.getLogger(RedisDirectory.class);

  /** A node that missed this many heartbeats in a row has its peers swept, at the earliest. */
  private static final int MISSED_HEARTBEATS = 5;

  private final String node;
  private final String nodeChannel;
  private final long ttlMs;
  private final RedisConnections connections;
  private final RedisAsyncCommands<String, byte[]> commands;
  private final StatefulRedisPubSubConnection<String, byte[]> pubsub;

  /**
   * Watched rooms by name; changed under {@code this} so subscribe and unsubscribe keep their
   * order.
   */
  private final Map<String, RoomEvents> rooms = new ConcurrentHashMap<>();

  private final Heartbeat heartbeat;

  /** Sends the batches of signals for other nodes, one at a time. */
  private final ExecutorService publisher;

  private final SignalBatches outbound;
  private final Counter signalsOut;
  private final Counter signalsIn;
  private final Counter eventsIn;
  private final Counter redisErrors;

  /** Redis could not be reached at start-up; the message says where and why. */
  public static final class Unreachable extends RuntimeException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private RedisDirectory(URI uri, Duration resumeWindow, Metrics metrics, String node) {
    this.node = node;
    this.nodeChannel = RedisKeys.nodeChannel(node);
    // A dead node's peers stay in their rooms, unseen, for the resume window, as they would on
    // a live node whose socket dropped; never less than a few heartbeats, so a slow one is no
    // death.
    this.ttlMs =
        Math.max(resumeWindow.toMillis(), Heartbeat.INTERVAL.toMillis() * MISSED_HEARTBEATS);
    this.signalsOut =
        metrics.counter(
            "parley.cluster.signals", "Signals routed between nodes", "direction", "out");
    this.signalsIn =
        metrics.counter(
            "parley.cluster.signals", "Signals routed between nodes", "direction", "in");
    this.eventsIn = metrics.counter("parley.cluster.events", "Room events received from Redis");
    this.redisErrors =
        metrics.counter("parley.cluster.redis.errors", "Redis commands that failed or timed out");
    this.connections = RedisConnections.open(uri);
    this.pubsub = connections.pubsub();
    this.commands = connections.commands().async();
    pubsub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, byte[] message) {
            receive(channel, message);
          }
        });
    this.publisher =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "parley-cluster-publish");
              thread.setDaemon(true);
              return thread;
            });
    this.outbound =
        new SignalBatches(
            publisher,
            (toNode, batch) -> failures(commands.publish(RedisKeys.nodeChannel(toNode), batch)));
    this.heartbeat =
        new Heartbeat(
            connections.health(),
            pubsub,
            () -> rooms.values().forEach(RoomEvents::heartbeat),
            RedisConnections.COMMAND_TIMEOUT,
            redisErrors);
    metrics.gauge(
        "parley.cluster.redis.up",
        "1 while Redis answers this node's heartbeat",
        () -> heartbeat.healthy() ? 1 : 0);
  }

  /**
   * Connects to Redis and starts the heartbeat.
   *
   * @throws Unreachable when Redis cannot be reached at start-up
   */
  public static RedisDirectory connect(URI uri, Duration resumeWindow, Metrics metrics) {
    return connect(uri, resumeWindow, metrics, newNodeId());
  }

  /** A fresh node id: 16 random hex digits, unlike any other node's, past or present. */
  public static String newNodeId() {
    byte[] id = new byte[8];
    new SecureRandom().nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /**
   * @param node this node's id: a fresh one at every start, or a name of a test's choosing
   */
  static RedisDirectory connect(URI uri, Duration resumeWindow, Metrics metrics, String node) {
    RedisDirectory directory = new RedisDirectory(uri, resumeWindow, metrics, node);
    directory.pubsub.sync().subscribe(directory.nodeChannel);
    directory.heartbeat.start();
    log.info("cluster node {} shares rooms through Redis at {}", directory.node, uri.getHost());
    return directory;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public synchronized CompletionStage<Void> watch(String room, RoomEvents events) {
    rooms.put(room, events);
    return failures(pubsub.async().subscribe(RedisKeys.of(room).events()))
        .thenApply(ignored -> null);
  }

  @Override
  public synchronized void unwatch(String room, RoomEvents events) {
    if (rooms.remove(room, events)) {
      failures(pubsub.async().unsubscribe(RedisKeys.of(room).events()));
    }
  }

  @Override
  public CompletionStage<Snapshot> join(
      String room, String peerId, String name, String identity, int maxPeers, long serial) {
    return script(
        room,
        Scripts.JOIN,
        utf8(peerId),
        utf8(node),
        utf8(name == null ? "" : name),
        utf8(Integer.toString(maxPeers)),
        utf8(Long.toString(ttlMs)),
        utf8(Long.toString(serial)),
        utf8(identity == null ? "" : identity));
  }

  @Override
  public CompletionStage<Snapshot> resume(String room, String peerId, long presented, long next) {
    return script(
        room,
        Scripts.RESUME,
        utf8(peerId),
        utf8(node),
        utf8(Long.toString(ttlMs)),
        utf8(Long.toString(presented)),
        utf8(Long.toString(next)));
  }

  @Override
  public void renewed(String room, String peerId, long serial) {
    // Sent before the peer's welcome: a resume elsewhere with its new token, which needs the
    // client's round trip to another node first, finds it there.
    failures(commands.hset(RedisKeys.of(room).resume(), peerId, utf8(Long.toString(serial))));
  }

  @Override
  public CompletionStage<Departure> leave(String room, String peerId, LeaveReason reason) {
    RedisKeys keys = RedisKeys.of(room);
    return failures(
            commands.<Long>eval(
                Scripts.LEAVE,
                ScriptOutputType.INTEGER,
                keys.forScripts(),
                utf8(keys.peerPrefix()),
                utf8(keys.events()),
                utf8(peerId),
                utf8(node),
                utf8(reason.name())))
        .thenApply(Departure::of);
  }

  @Override
  public CompletionStage<Snapshot> refresh(String room, Map<String, String> peers) {
    List<byte[]> args = new ArrayList<>(2 + peers.size() * 2);
    args.add(utf8(node));
    args.add(utf8(Long.toString(ttlMs)));
    peers.forEach(
        (peerId, name) -> {
          args.add(utf8(peerId));
          args.add(utf8(name == null ? "" : name));
        });
    return script(room, Scripts.REFRESH, args.toArray(byte[][]::new));
  }

  @Override
  public void presence(String room, String peerId, boolean connected) {
    RedisKeys keys = RedisKeys.of(room);
    failures(
        commands.eval(
            Scripts.PRESENCE,
            ScriptOutputType.INTEGER,
            new String[] {keys.members(), keys.info()},
            utf8(peerId),
            utf8(connected ? "1" : "0"),
            utf8(node)));
  }

  @Override
  public CompletionStage<Listing> rooms(String after, int maxRooms) {
    return listing(utf8(Integer.toString(maxRooms)), utf8(after == null ? "" : after));
  }

  @Override
  public CompletionStage<Listing> room(String room) {
    return listing(utf8("1"), utf8(""), utf8(room));
  }

  private CompletionStage<Listing> listing(byte[]... args) {
    byte[][] all = new byte[args.length + 1][];
    all[0] = utf8(RedisKeys.PREFIX);
    System.arraycopy(args, 0, all, 1, args.length);
    return failures(
            commands.<List<Object>>eval(
                Scripts.LIST, ScriptOutputType.MULTI, new String[] {RedisKeys.ROOMS_INDEX}, all))
        .thenApply(ClusterWire::listing);
  }

  @Override
  public CompletionStage<Integer> kick(String room, String peerId) {
    RedisKeys keys = RedisKeys.of(room);
    return failures(
            commands.<Long>eval(
                Scripts.KICK,
                ScriptOutputType.INTEGER,
                new String[] {keys.members()},
                utf8(keys.peerPrefix()),
                utf8(keys.events()),
                utf8(peerId == null ? "" : peerId)))
        .thenApply(Math::toIntExact);
  }

  @Override
  public void relay(String toNode, NodeSignal signal) {
    signalsOut.increment();
    try {
      outbound.add(toNode, signal);
    } catch (RejectedExecutionException e) {
      log.debug("signal for node {} after the directory closed", toNode);
    }
  }

  @Override
  public boolean healthy() {
    return heartbeat.healthy();
  }

  @Override
  public void close() {
    heartbeat.close();
    publisher.shutdown();
    connections.close();
  }

  private CompletionStage<Snapshot> script(String room, String script, byte[]... args) {
    RedisKeys keys = RedisKeys.of(room);
    byte[][] all = new byte[args.length + 2][];
    all[0] = utf8(keys.peerPrefix());
    all[1] = utf8(keys.events());
    System.arraycopy(args, 0, all, 2, args.length);
    return failures(
            commands.<List<Object>>eval(script, ScriptOutputType.MULTI, keys.forScripts(), all))
        .thenApply(
            raw -> {
              ClusterWire.Reply reply = ClusterWire.reply(raw);
              RoomEvents events = rooms.get(room);
              if (!reply.swept().isEmpty() && events != null) {
                events.swept(reply.swept(), reply.emptied());
              }
              return reply.snapshot();
            });
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private <T> CompletionStage<T> failures(CompletionStage<T> stage) {
    return stage.whenComplete(
        (result, error) -> {
          if (error != null) {
            redisErrors.increment();
          }
        });
  }

  private void receiveSignal(NodeSignal signal) {
    signalsIn.increment();
    RoomEvents events = rooms.get(signal.room());
    if (events != null) {
      events.signal(signal);
    }
  }

  private void receive(String channel, byte[] message) {
    try {
      if (channel.equals(nodeChannel)) {
        ClusterWire.signals(message, this::receiveSignal);
        return;
      }
      eventsIn.increment();
      RoomEvents events = rooms.get(RedisKeys.roomOfChannel(channel));
      if (events != null && ClusterWire.isCommand(message)) {
        events.command(ClusterWire.command(message));
      } else if (events != null) {
        events.event(ClusterWire.event(message));
      }
    } catch (RejectedExecutionException e) {
      log.debug("cluster message while stopping", e);
    } catch (RuntimeException e) {
      // Only Parley writes these channels; a malformed message is a bug, never a reason to stop.
      log.error(
          "cannot handle cluster message on {}: {}",
          channel,
          new String(message, StandardCharsets.UTF_8),
          e);
    }
  }
}
