package dev.parley.cluster;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every second, on a thread of its own: pings Redis and, while it answers, has every watched room
 * refresh its peers there. While Redis is unreachable the node keeps serving the peers it holds and
 * reports itself unhealthy; Lettuce reconnects (and resubscribes) on its own, and the first refresh
 * afterwards puts back what Redis lost.
 */
final class Heartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final StatefulRedisConnection<?, ?> health;
  private final StatefulRedisPubSubConnection<?, ?> subscriber;
  private final Runnable refreshRooms;
  private final Duration timeout;
  private final Counter redisErrors;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "parley-cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean healthy = true;

  /**
   * @param health a connection for the PING alone, so that it never waits behind a queue of signals
   * @param subscriber the connection other nodes' messages arrive on
   * @param refreshRooms run after each beat Redis answered
   * @param timeout how long Redis may take to answer before it counts as gone
   */
  Heartbeat(
      StatefulRedisConnection<?, ?> health,
      StatefulRedisPubSubConnection<?, ?> subscriber,
      Runnable refreshRooms,
      Duration timeout,
      Counter redisErrors) {
    this.health = health;
    this.subscriber = subscriber;
    this.refreshRooms = refreshRooms;
    this.timeout = timeout;
    this.redisErrors = redisErrors;
  }

  void start() {
    thread.scheduleWithFixedDelay(
        this::beat, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether Redis answered the last beat. */
  boolean healthy() {
    return healthy;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  private void beat() {
    try {
      health.async().ping().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      // Other nodes' signals for ours arrive on the subscribed connection, which reconnects on
      // its own schedule; until it answers too (after its resubscriptions, which go first on a
      // new connection), what is published to this node is lost, so it is not ready yet.
      subscriber
          .async()
          .ping()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!healthy) {
        log.info("Redis answers again: cluster directory restored");
        healthy = true;
      }
    } catch (Exception e) {
      redisErrors.increment();
      if (healthy) {
        log.warn(
            "Redis does not answer ({}): serving local peers only until it is back", e.toString());
        healthy = false;
      }
      return;
    }
    try {
      refreshRooms.run();
    } catch (RejectedExecutionException e) {
      // The node is stopping and its rooms' executors with it; an exception here would end the
      // heartbeat.
      log.debug("heartbeat while stopping", e);
    }
  }
}
