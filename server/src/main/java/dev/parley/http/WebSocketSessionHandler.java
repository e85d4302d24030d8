package dev.parley.http;

import dev.parley.protocol.CloseReason;
import dev.parley.signal.Session;
import dev.parley.signal.Signaling;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: hands WebSocket frames to its {@link Session}, and keeps the
 * connection honest while idle (for {@link KeepAlive}: pings it, and closes it once it stays silent
 * for the idle timeout). One instance per connection.
 */
final class WebSocketSessionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);

  private final Signaling signaling;

  /** {@code null} until the WebSocket handshake completed. */
  private Session session;

  /** A frame, pongs included, arrived since the last keep-alive sweep. */
  private boolean heard;

  private int silentIntervals;

  WebSocketSessionHandler(Signaling signaling) {
    this.signaling = signaling;
  }

  /**
   * One ping interval has passed; on the event loop. Until the handshake, the connection is HTTP,
   * and {@link RequestDeadline} times it.
   */
  void keepAlive(Channel channel, int silentIntervalsAllowed) {
    if (session == null) {
      return;
    }
    if (heard) {
      heard = false;
      silentIntervals = 0;
    } else if (++silentIntervals >= silentIntervalsAllowed) {
      channel.close();
    } else {
      channel.writeAndFlush(new PingWebSocketFrame());
    }
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
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    heard = true;
    try {
      switch (msg) {
        case TextWebSocketFrame text when session != null -> session.onText(text.content());
        case BinaryWebSocketFrame binary when session != null -> session.onBinary();
        default -> {}
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
      case TooLongFrameException tooLong ->
          closeSession(ctx, open -> open.close(CloseReason.TOO_BIG));
      // The WebSocket decoder reads nothing more; it says which close code the violation deserves.
      case CorruptedWebSocketFrameException corrupted ->
          closeSession(
              ctx,
              open -> open.closeAfterViolation(corrupted.closeStatus(), corrupted.getMessage()));
      case IOException io -> ctx.close();
      default -> {
        log.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        ctx.close();
      }
    }
  }

  private static void removeIfPresent(
      ChannelPipeline pipeline, Class<? extends ChannelHandler> type) {
    if (pipeline.get(type) != null) {
      pipeline.remove(type);
    }
  }

  /**
   * Closes the way {@link Session#close(CloseReason)} does: the client reads why before the
   * connection ends.
   */
  private void closeSession(ChannelHandlerContext ctx, Consumer<Session> close) {
    if (session != null) {
      close.accept(session);
    } else {
      ctx.close();
    }
  }
}
