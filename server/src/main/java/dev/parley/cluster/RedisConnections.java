package dev.parley.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Duration;

/**
 * A node's three connections to Redis, and how they behave when Redis is slow or gone: one for
 * commands and scripts, one for pub/sub, one for the {@link Heartbeat}.
 */
record RedisConnections(
    RedisClient client,
    StatefulRedisConnection<String, byte[]> commands,
    StatefulRedisPubSubConnection<String, byte[]> pubsub,
    StatefulRedisConnection<String, String> health)
    implements AutoCloseable {

  /** Channel names and keys as text, values as the bytes they are. */
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  /**
   * A Redis that is connected but does not answer within this is treated as gone. Generous: a busy
   * machine is no outage. PUBLISH is exempt (see {@link SignalsNeverExpire}).
   */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /**
   * @throws RedisDirectory.Unreachable when Redis cannot be reached
   */
  static RedisConnections open(URI uri) {
    // Retry every second rather than backing off to half a minute: a node should heal soon after
    // Redis does.
    RedisClient client =
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
    try {
      return new RedisConnections(
          client, client.connect(CODEC), client.connectPubSub(CODEC), client.connect());
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      // The URL may carry a password: name only the host and port.
      throw new RedisDirectory.Unreachable(
          "cannot reach Redis at "
              + uri.getHost()
              + ":"
              + (uri.getPort() < 0 ? 6379 : uri.getPort())
              + ": "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          e);
    }
  }

  @Override
  public void close() {
    pubsub.close();
    health.close();
    commands.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
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
}
