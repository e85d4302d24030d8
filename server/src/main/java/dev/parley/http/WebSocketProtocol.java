package dev.parley.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Netty's WebSocket protocol handler, except that a frame breaking the protocol does not close the
 * connection at once: Netty's handler would, and the client could lose the close frame that says
 * why to the reset. {@link WebSocketSessionHandler} closes such a connection the graceful way
 * instead.
 */
final class WebSocketProtocol extends WebSocketServerProtocolHandler {
  WebSocketProtocol(WebSocketServerProtocolConfig config) {
    super(config);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    if (cause instanceof CorruptedWebSocketFrameException) {
      ctx.fireExceptionCaught(cause);
    } else {
      super.exceptionCaught(ctx, cause);
    }
  }
}
