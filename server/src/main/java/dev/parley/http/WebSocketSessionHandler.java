package dev.parley.http;

import dev.parley.signal.Session;
import dev.parley.signal.Signaling;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: hands WebSocket frames to its {@link Session}, and keeps
 * the connection honest while idle (pings it, and closes it once it stays silent for the idle
 * timeout). One instance per connection.
 */
final class WebSocketSessionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);

  private final Signaling signaling;
  private final long idleIntervalsAllowed;
  /** {@code null} until the WebSocket handshake completed. */
  private Session session;
  private long silentIntervals;

  /**
   * @param pingInterval how often the idle handler before this one reports silence
   * @param idleTimeout silence after which the connection is closed
   */
  WebSocketSessionHandler(Signaling signaling, Duration pingInterval, Duration idleTimeout) {
    this.signaling = signaling;
    this.idleIntervalsAllowed = Math.max(1, idleTimeout.toMillis() / pingInterval.toMillis());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete) {
      // The HTTP handlers have nothing more to do on a WebSocket: each connection holds less,
      // and each frame passes two or three handlers fewer.
      ChannelPipeline pipeline = ctx.pipeline();
      removeIfPresent(pipeline, RequestDeadline.class);
      removeIfPresent(pipeline, HttpRequestHandler.class);
      removeIfPresent(pipeline, HstsHeader.class);
      session = signaling.open(ctx.channel());
    } else if (event instanceof IdleStateEvent idle) {
      silentIntervals = idle.isFirst() ? 1 : silentIntervals + 1;
      if (silentIntervals >= idleIntervalsAllowed) {
        ctx.close();
      } else if (session != null) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      }
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      switch (msg) {
        case TextWebSocketFrame text when session != null -> session.onText(text.content());
        case BinaryWebSocketFrame binary when session != null -> session.onBinary();
        default -> { }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (session != null) {
      session.onClosed();
      session = null;
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    switch (cause) {
      case TooLongFrameException tooLong -> closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
      // The WebSocket decoder already answered with the close code the violation deserves.
      case CorruptedWebSocketFrameException corrupted -> ctx.close();
      case IOException io -> ctx.close();
      default -> {
        log.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        ctx.close();
      }
    }
  }

  private static void removeIfPresent(ChannelPipeline pipeline, Class<? extends ChannelHandler> type) {
    if (pipeline.get(type) != null) {
      pipeline.remove(type);
    }
  }

  private static void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
  }
}
