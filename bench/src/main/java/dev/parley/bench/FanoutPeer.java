package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * One peer of the fan-out scenario: connects, joins its room when told (all peers at once: the join
 * storm), and reports when its welcome arrives and whom it learns of, by the welcome's list or by
 * {@code peer-joined}. Confined to its event loop once connected.
 */
final class FanoutPeer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
  /** Where a peer reports; called on the event loops, so implementations must be thread-safe. */
  interface Listener {
    void connected(FanoutPeer peer);

    void failed(FanoutPeer peer, String reason);

    /** This peer's welcome arrived {@code nanos} after it sent its join. */
    void joined(FanoutPeer peer, String id, long joinSentNanos, long nanos);

    /** This peer now knows of {@code otherId}; {@code announced} if by peer-joined. */
    void learned(FanoutPeer peer, String otherId, boolean announced, long arrivedNanos);

    void error(String code);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventLoop loop;
  private final String room;
  private final Listener listener;
  private ChannelHandlerContext ctx;
  private long joinSentNanos;
  private boolean closing;

  FanoutPeer(EventLoop loop, String room, Listener listener) {
    this.loop = loop;
    this.room = room;
    this.listener = listener;
  }

  ChannelFuture connect(Bootstrap bootstrap, URI server, InetSocketAddress source) {
    return WebSocketDial.open(bootstrap, loop, server, source, this)
        .addListener(
            connected -> {
              if (!connected.isSuccess()) {
                listener.failed(this, "cannot connect: " + connected.cause());
              }
            });
  }

  /** Sends the join at {@code atNanos} (System.nanoTime). */
  void joinAt(long atNanos) {
    loop.schedule(
        () -> {
          joinSentNanos = System.nanoTime();
          ctx.writeAndFlush(
              new TextWebSocketFrame(new Protocol.Parley().hello(room)), ctx.voidPromise());
        },
        atNanos - System.nanoTime(),
        TimeUnit.NANOSECONDS);
  }

  void close() {
    loop.execute(
        () -> {
          closing = true;
          if (ctx != null) {
            ctx.close();
          }
        });
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      listener.connected(this);
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      listener.failed(this, "WebSocket handshake timed out");
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
      throws IOException {
    long now = System.nanoTime();
    JsonNode message = JSON.readTree(ByteBufUtil.getBytes(frame.content()));
    switch (message.path("type").asText()) {
      case "welcome" -> {
        listener.joined(this, message.path("peerId").asText(), joinSentNanos, now - joinSentNanos);
        for (JsonNode peer : message.path("peers")) {
          listener.learned(this, peer.path("peerId").asText(), false, now);
        }
      }
      case "peer-joined" ->
          listener.learned(this, message.path("peer").path("peerId").asText(), true, now);
      case "error" -> listener.error(message.path("code").asText("?"));
      default -> {} // pong, peer-left at the end
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!closing) {
      listener.failed(this, "connection closed");
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    listener.failed(this, cause.toString());
    ctx.close();
  }
}
