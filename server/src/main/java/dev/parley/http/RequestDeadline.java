package dev.parley.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;

/**
 * Closes a connection that has not sent a complete HTTP request within the handshake timeout of
 * connecting, or of the answer to its previous request. The idle timeout cannot catch a client that
 * dribbles its headers a byte at a time (slowloris): every byte counts as a sign of life. Once the
 * connection is a WebSocket, this handler has nothing more to time. Sits after the aggregator,
 * which hands on only complete requests. One instance per connection; event loop only.
 */
final class RequestDeadline extends ChannelDuplexHandler {
  private final long timeoutNanos;
  private final long firstWaitNanos;

  /** Armed while waiting for a request. */
  private final CloseDeadline deadline = new CloseDeadline();

  /**
   * @param firstWait the time for the first request: the timeout, less what went by before this
   *     handler was added (while {@link TurnDetector} looked at the first bytes)
   */
  RequestDeadline(Duration timeout, Duration firstWait) {
    this.timeoutNanos = timeout.toNanos();
    this.firstWaitNanos = firstWait.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadline.arm(ctx, firstWaitNanos);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest) {
      deadline.disarm();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    // A keep-alive connection gets the same time for its next request; an upgraded one needs none.
    if (msg instanceof HttpResponse response
        && !response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
      deadline.arm(ctx, timeoutNanos);
    }
    ctx.write(msg, promise);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    deadline.disarm();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    deadline.disarm();
    ctx.fireChannelInactive();
  }
}
