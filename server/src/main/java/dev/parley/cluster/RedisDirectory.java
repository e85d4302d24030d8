package dev.parley.cluster;

import dev.parley.metrics.Metrics;
import dev.parley.signal.protocol.ServerMessage.LeaveReason;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Directory} in Redis, through Lettuce: one connection for commands and scripts, one
 * for pub/sub, one for the heartbeat. Each room has an event channel; each node a channel for the signals routed to it.
 * A node publishes on one connection and receives on one, so what one node sends another arrives
 * in the order it was sent.
 *
 * <p>A heartbeat pings Redis and asks every watched room to refresh its peers. While Redis is
 * unreachable the node keeps serving the peers it holds, reports itself unhealthy, and Lettuce
 * reconnects (and resubscribes) on its own; the first refresh afterwards puts back what Redis lost.
 */
public final class RedisDirectory implements Directory {
  private static final Logger log = LoggerFactory.getLogger(RedisDirectory.class);
  private static final String PREFIX = "parley:";
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);
  /** A node that missed this many heartbeats in a row has its peers swept, at the earliest. */
  private static final int MISSED_HEARTBEATS = 5;
  /**
   * A Redis that is connected but does not answer within this is treated as gone. Generous: a
   * busy machine is no outage. PUBLISH is exempt (see {@link SignalsNeverExpire}).
   */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private final String node;
  private final String nodeChannel;
  private final long ttlMs;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisAsyncCommands<String, String> commands;
  private final StatefulRedisPubSubConnection<String, String> pubsub;
  /** For the heartbeat's PING alone, so that it never waits behind a queue of signals. */
  private final StatefulRedisConnection<String, String> health;
  /** Watched rooms by name; changed under {@code this} so subscribe and unsubscribe keep their order. */
  private final Map<String, RoomEvents> rooms = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeat;
  /** Sends the batches of signals for other nodes, one at a time. */
  private final ExecutorService publisher;
  private final SignalBatches outbound;
  private final Counter signalsOut;
  private final Counter signalsIn;
  private final Counter eventsIn;
  private final Counter redisErrors;
  private volatile boolean healthy = true;

  /** Redis could not be reached at start-up; the message says where and why. */
  public static final class Unreachable extends RuntimeException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private RedisDirectory(URI uri, Duration resumeWindow, Metrics metrics) {
    byte[] id = new byte[8];
    new SecureRandom().nextBytes(id);
    this.node = HexFormat.of().formatHex(id);
    this.nodeChannel = PREFIX + "node:" + node;
    // A dead node's peers stay in their rooms, unseen, for the resume window, as they would on
    // a live node whose socket dropped; never less than a few heartbeats, so a slow one is no death.
    this.ttlMs = Math.max(resumeWindow.toMillis(), HEARTBEAT.toMillis() * MISSED_HEARTBEATS);
    // Retry every second rather than backing off to half a minute: a node should heal soon after Redis does.
    this.client = RedisClient.create(DefaultClientResources.builder().reconnectDelay(Delay.constant(HEARTBEAT)).build(),
        RedisURI.create(uri));
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Fail at once while disconnected instead of queueing: the node serves its own peers meanwhile.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.builder().timeoutSource(new SignalsNeverExpire()).build())
        .build());
    this.signalsOut = metrics.counter("parley.cluster.signals", "Signals routed between nodes", "direction", "out");
    this.signalsIn = metrics.counter("parley.cluster.signals", "Signals routed between nodes", "direction", "in");
    this.eventsIn = metrics.counter("parley.cluster.events", "Room events received from Redis");
    this.redisErrors = metrics.counter("parley.cluster.redis.errors", "Redis commands that failed or timed out");
    metrics.gauge("parley.cluster.redis.up", "1 while Redis answers this node's heartbeat", () -> healthy ? 1 : 0);
    try {
      this.connection = client.connect();
      this.pubsub = client.connectPubSub();
      this.health = client.connect();
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      // The URL may carry a password: name only the host and port.
      throw new Unreachable("cannot reach Redis at " + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort())
          + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
    this.commands = connection.async();
    pubsub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        receive(channel, message);
      }
    });
    this.publisher = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "parley-cluster-publish");
      thread.setDaemon(true);
      return thread;
    });
    this.outbound = new SignalBatches(publisher,
        (toNode, batch) -> failures(commands.publish(PREFIX + "node:" + toNode, batch)));
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "parley-cluster-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Connects to Redis and starts the heartbeat.
   *
   * @throws Unreachable when Redis cannot be reached at start-up
   */
  public static RedisDirectory connect(URI uri, Duration resumeWindow, Metrics metrics) {
    RedisDirectory directory = new RedisDirectory(uri, resumeWindow, metrics);
    directory.pubsub.sync().subscribe(directory.nodeChannel);
    directory.heartbeat.scheduleWithFixedDelay(directory::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
        TimeUnit.MILLISECONDS);
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
  public CompletionStage<Snapshot> join(String room, String peerId, String name, int maxPeers) {
    return script(room, Scripts.JOIN, peerId, node, name == null ? "" : name, Integer.toString(maxPeers),
        Long.toString(ttlMs));
  }

  @Override
  public CompletionStage<Snapshot> resume(String room, String peerId) {
    return script(room, Scripts.RESUME, peerId, node, Long.toString(ttlMs));
  }

  @Override
  public CompletionStage<Boolean> leave(String room, String peerId, LeaveReason reason) {
    return failures(commands.<Long>eval(Scripts.LEAVE, ScriptOutputType.INTEGER, keys(room),
        PREFIX + "{" + room + "}:peer:", roomChannel(room), peerId, node, reason.name()))
        .thenApply(removed -> removed == 1L);
  }

  @Override
  public CompletionStage<Snapshot> refresh(String room, Map<String, String> peers) {
    List<String> args = new ArrayList<>(2 + peers.size() * 2);
    args.add(node);
    args.add(Long.toString(ttlMs));
    peers.forEach((peerId, name) -> {
      args.add(peerId);
      args.add(name == null ? "" : name);
    });
    return script(room, Scripts.REFRESH, args.toArray(String[]::new));
  }

  @Override
  public void relay(String toNode, String room, String from, String to, String data) {
    signalsOut.increment();
    try {
      outbound.add(toNode, room + "|" + from + "|" + to + "|" + data);
    } catch (RejectedExecutionException e) {
      log.debug("signal for node {} after the directory closed", toNode);
    }
  }

  @Override
  public boolean healthy() {
    return healthy;
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    publisher.shutdown();
    pubsub.close();
    health.close();
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private CompletionStage<Snapshot> script(String room, String script, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = PREFIX + "{" + room + "}:peer:";
    all[1] = roomChannel(room);
    System.arraycopy(args, 0, all, 2, args.length);
    return failures(commands.<List<Object>>eval(script, ScriptOutputType.MULTI, keys(room), all))
        .thenApply(RedisDirectory::snapshot);
  }

  /** {@code {seq, peer, "node|name", ...}}, or {@code {-1}} for "no". */
  private static Snapshot snapshot(List<Object> reply) {
    long seq = (Long) reply.getFirst();
    if (seq < 0) {
      return null;
    }
    List<Member> members = new ArrayList<>(reply.size() / 2);
    for (int i = 1; i + 1 < reply.size(); i += 2) {
      String value = (String) reply.get(i + 1);
      int bar = value.indexOf('|');
      String name = value.substring(bar + 1);
      members.add(new Member((String) reply.get(i), name.isEmpty() ? null : name, value.substring(0, bar)));
    }
    return new Snapshot(seq, members);
  }

  /** The room's keys share a hash tag, so a Redis Cluster would keep them in one slot. */
  private static String[] keys(String room) {
    return new String[] {PREFIX + "{" + room + "}:members", PREFIX + "{" + room + "}:seq"};
  }

  private static String roomChannel(String room) {
    return PREFIX + "{" + room + "}:events";
  }

  /**
   * Every command times out after {@link #COMMAND_TIMEOUT} except PUBLISH. Lettuce skips an
   * expired command that is still waiting for its turn to be written, so on a stalled connection
   * an expiring PUBLISH would silently drop a signal from the middle of a sender's sequence; a
   * late signal is better than a hole. A lost connection still fails them.
   */
  private static final class SignalsNeverExpire extends TimeoutOptions.TimeoutSource {
    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
      return command.getType() == CommandType.PUBLISH ? 0 : COMMAND_TIMEOUT.toMillis();
    }
  }

  private <T> CompletionStage<T> failures(CompletionStage<T> stage) {
    return stage.whenComplete((result, error) -> {
      if (error != null) {
        redisErrors.increment();
      }
    });
  }

  private void beat() {
    try {
      health.async().ping().toCompletableFuture().get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      // Other nodes' signals for ours arrive on the subscribed connection, which reconnects on
      // its own schedule; until it answers too (after its resubscriptions, which go first on a
      // new connection), what is published to this node is lost, so it is not ready yet.
      pubsub.async().ping().toCompletableFuture().get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!healthy) {
        log.info("Redis answers again: cluster directory restored");
        healthy = true;
      }
    } catch (Exception e) {
      redisErrors.increment();
      if (healthy) {
        log.warn("Redis does not answer ({}): serving local peers only until it is back", e.toString());
        healthy = false;
      }
      return;
    }
    try {
      rooms.values().forEach(RoomEvents::heartbeat);
    } catch (RejectedExecutionException e) {
      // The node is stopping and its rooms' executors with it; an exception here would end the heartbeat.
      log.debug("heartbeat while stopping", e);
    }
  }

  private void receiveSignal(String signal) {
    String[] parts = signal.split("\\|", 4);
    RoomEvents events = rooms.get(parts[0]);
    signalsIn.increment();
    if (events != null) {
      events.signal(parts[1], parts[2], parts[3]);
    }
  }

  private void receive(String channel, String message) {
    try {
      if (channel.equals(nodeChannel)) {
        SignalBatches.split(message, this::receiveSignal);
        return;
      }
      eventsIn.increment();
      RoomEvents events = rooms.get(channel.substring(channel.indexOf('{') + 1, channel.lastIndexOf('}')));
      if (events == null) {
        return;
      }
      String[] parts = message.split("\\|", 5);
      long seq = Long.parseLong(parts[1]);
      switch (parts[0]) {
        case "j" -> events.joined(seq, new Member(parts[2], parts[4].isEmpty() ? null : parts[4], parts[3]));
        case "r" -> events.restored(seq, new Member(parts[2], parts[4].isEmpty() ? null : parts[4], parts[3]));
        case "l" -> events.left(seq, parts[2], parts[3], LeaveReason.valueOf(parts[4]));
        case "m" -> events.moved(seq, parts[2], parts[3], parts[4]);
        default -> log.warn("unknown cluster event {}", message);
      }
    } catch (RejectedExecutionException e) {
      log.debug("cluster message while stopping", e);
    } catch (RuntimeException e) {
      // Only Parley writes these channels; a malformed message is a bug, never a reason to stop.
      log.error("cannot handle cluster message on {}: {}", channel, message, e);
    }
  }
}
