package dev.parley.http;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pings quiet WebSocket connections and closes silent ones. One sweep per event loop and ping
 * interval walks that loop's connections; an idle handler with a timer of its own on every
 * connection held about 240 bytes per idle peer for the same job.
 */
final class KeepAlive {
  private final ChannelGroup connections;
  private final long intervalMillis;
  private final int silentIntervalsAllowed;

  /**
   * @param connections every accepted connection; those without a {@link WebSocketSessionHandler}
   *     are passed over
   * @param idleTimeout silence after which a connection is closed
   */
  KeepAlive(ChannelGroup connections, Duration pingInterval, Duration idleTimeout) {
    this.connections = connections;
    this.intervalMillis = pingInterval.toMillis();
    this.silentIntervalsAllowed = (int) Math.max(1, idleTimeout.toMillis() / intervalMillis);
  }

  /** Runs the sweeps until {@code loops} shut down. */
  void start(EventLoopGroup loops) {
    for (EventExecutor loop : loops) {
      loop.scheduleAtFixedRate(
          () -> sweep(loop), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void sweep(EventExecutor loop) {
    for (Channel channel : connections) {
      if (channel.eventLoop() == loop) {
        WebSocketSessionHandler handler = channel.pipeline().get(WebSocketSessionHandler.class);
        if (handler != null) {
          handler.keepAlive(channel, silentIntervalsAllowed);
        }
      }
    }
  }
}
