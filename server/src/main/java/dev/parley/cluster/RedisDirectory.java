package dev.parley.cluster;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.LeaveReason;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
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
 * The {@link Directory} in Redis, through Lettuce: one connection for commands and scripts, one for
 * pub/sub, one for the {@link Heartbeat}. Each room has an event channel; each node a channel for
 * the signals routed to it. A node publishes on one connection and receives on one, so what one
 * node sends another arrives in the order it was sent. Values travel as bytes, decoded by {@link
 * ClusterWire}: a signal stays the sender's UTF-8 from one node's client to the other's.
 */
public final class RedisDirectory implements Directory {
  private static final Logger log = LoggerFactory.getLogger(RedisDirectory.class);
  private static final String PREFIX = "parley:";

  /** Every room with peers, by name (a sorted set, all scores 0), kept by the scripts. */
  private static final String ROOMS_INDEX = PREFIX + "rooms";

  /** Channel names and keys as text, values as the bytes they are. */
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  /** A node that missed this many heartbeats in a row has its peers swept, at the earliest. */
  private static final int MISSED_HEARTBEATS = 5;

  /**
   * A Redis that is connected but does not answer within this is treated as gone. Generous: a busy
   * machine is no outage. PUBLISH is exempt (see {@link SignalsNeverExpire}).
   */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private final String node;
  private final String nodeChannel;
  private final long ttlMs;
  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisAsyncCommands<String, byte[]> commands;
  private final StatefulRedisPubSubConnection<String, byte[]> pubsub;
  private final StatefulRedisConnection<String, String> health;

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
    this.nodeChannel = PREFIX + "node:" + node;
    // A dead node's peers stay in their rooms, unseen, for the resume window, as they would on
    // a live node whose socket dropped; never less than a few heartbeats, so a slow one is no
    // death.
    this.ttlMs =
        Math.max(resumeWindow.toMillis(), Heartbeat.INTERVAL.toMillis() * MISSED_HEARTBEATS);
    // Retry every second rather than backing off to half a minute: a node should heal soon after
    // Redis does.
    this.client =
        RedisClient.create(
            DefaultClientResources.builder()
                .reconnectDelay(Delay.constant(Heartbeat.INTERVAL))
                .build(),
            RedisURI.create(uri));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // Fail at once while disconnected instead of queueing: the node serves its own peers
            // meanwhile.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(
                TimeoutOptions.builder().timeoutSource(new SignalsNeverExpire()).build())
            .build());
    this.signalsOut =
        metrics.counter(
            "parley.cluster.signals", "Signals routed between nodes", "direction", "out");
    this.signalsIn =
        metrics.counter(
            "parley.cluster.signals", "Signals routed between nodes", "direction", "in");
    this.eventsIn = metrics.counter("parley.cluster.events", "Room events received from Redis");
    this.redisErrors =
        metrics.counter("parley.cluster.redis.errors", "Redis commands that failed or timed out");
    try {
      this.connection = client.connect(CODEC);
      this.pubsub = client.connectPubSub(CODEC);
      this.health = client.connect();
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      // The URL may carry a password: name only the host and port.
      throw new Unreachable(
          "cannot reach Redis at "
              + uri.getHost()
              + ":"
              + (uri.getPort() < 0 ? 6379 : uri.getPort())
              + ": "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          e);
    }
    this.commands = connection.async();
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
            (toNode, batch) -> failures(commands.publish(PREFIX + "node:" + toNode, batch)));
    this.heartbeat =
        new Heartbeat(
            health,
            pubsub,
            () -> rooms.values().forEach(RoomEvents::heartbeat),
            COMMAND_TIMEOUT,
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
    return failures(pubsub.async().subscribe(roomChannel(room))).thenApply(ignored -> null);
  }

  @Override
  public synchronized void unwatch(String room, RoomEvents events) {
    if (rooms.remove(room, events)) {
      failures(pubsub.async().unsubscribe(roomChannel(room)));
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
    failures(commands.hset(keys(room)[2], peerId, utf8(Long.toString(serial))));
  }

  @Override
  public CompletionStage<Departure> leave(String room, String peerId, LeaveReason reason) {
    return failures(
            commands.<Long>eval(
                Scripts.LEAVE,
                ScriptOutputType.INTEGER,
                keys(room),
                utf8(peerPrefix(room)),
                utf8(roomChannel(room)),
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
    failures(
        commands.eval(
            Scripts.PRESENCE,
            ScriptOutputType.INTEGER,
            new String[] {keys(room)[0], keys(room)[3]},
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
    all[0] = utf8(PREFIX);
    System.arraycopy(args, 0, all, 1, args.length);
    return failures(
            commands.<List<Object>>eval(
                Scripts.LIST, ScriptOutputType.MULTI, new String[] {ROOMS_INDEX}, all))
        .thenApply(ClusterWire::listing);
  }

  @Override
  public CompletionStage<Integer> kick(String room, String peerId) {
    return failures(
            commands.<Long>eval(
                Scripts.KICK,
                ScriptOutputType.INTEGER,
                new String[] {keys(room)[0]},
                utf8(peerPrefix(room)),
                utf8(roomChannel(room)),
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
    pubsub.close();
    health.close();
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private CompletionStage<Snapshot> script(String room, String script, byte[]... args) {
    byte[][] all = new byte[args.length + 2][];
    all[0] = utf8(peerPrefix(room));
    all[1] = utf8(roomChannel(room));
    System.arraycopy(args, 0, all, 2, args.length);
    return failures(commands.<List<Object>>eval(script, ScriptOutputType.MULTI, keys(room), all))
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

  /**
   * The room's keys share a hash tag, so a Redis Cluster would keep them in one slot; the rooms
   * index, last, is the one key all rooms share.
   */
  private static String[] keys(String room) {
    return new String[] {
      PREFIX + "{" + room + "}:members",
      PREFIX + "{" + room + "}:seq",
      PREFIX + "{" + room + "}:resume",
      PREFIX + "{" + room + "}:info",
      ROOMS_INDEX
    };
  }

  /** Each peer's liveness key is this followed by its id. */
  private static String peerPrefix(String room) {
    return PREFIX + "{" + room + "}:peer:";
  }

  static String roomChannel(String room) {
    return PREFIX + "{" + room + "}:events";
  }

  /**
   * Every command times out after {@link #COMMAND_TIMEOUT} except PUBLISH. Lettuce skips an expired
   * command that is still waiting for its turn to be written, so on a stalled connection an
   * expiring PUBLISH would silently drop a signal from the middle of a sender's sequence; a late
   * signal is better than a hole. A lost connection still fails them.
   */
  private static final class SignalsNeverExpire extends TimeoutOptions.TimeoutSource {
    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
      return command.getType() == CommandType.PUBLISH ? 0 : COMMAND_TIMEOUT.toMillis();
    }
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
      RoomEvents events =
          rooms.get(channel.substring(channel.indexOf('{') + 1, channel.lastIndexOf('}')));
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
