package dev.parley.turn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection from a client: its 5-tuple holds at most one allocation, deleted when the
 * connection closes (RFC 8656 §5). A connection that holds none once the allocate timeout has
 * passed is closed: otherwise idle or trickling connections (slowloris) would pile up for free.
 */
final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private final Dispatcher dispatcher;
  private final Allocations allocations;
  private final Duration allocateTimeout;
  private final TurnMetrics metrics;
  private ClientLink link;

  TcpHandler(
      Dispatcher dispatcher,
      Allocations allocations,
      Duration allocateTimeout,
      TurnMetrics metrics) {
    this.dispatcher = dispatcher;
    this.allocations = allocations;
    this.allocateTimeout = allocateTimeout;
    this.metrics = metrics;
  }

  /** Added to a connection already open (the web port's, once it spoke TURN): it starts now. */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  /** Once per connection, from whichever of the two comes first. */
  private void start(ChannelHandlerContext ctx) {
    if (link != null) {
      return;
    }
    FiveTuple tuple =
        new FiveTuple(
            (InetSocketAddress) ctx.channel().remoteAddress(),
            (InetSocketAddress) ctx.channel().localAddress(),
            FiveTuple.Protocol.TCP);
    link = new ClientLink.Tcp(ctx.channel(), tuple);
    ctx.executor()
        .schedule(
            () -> {
              if (ctx.channel().isOpen() && allocations.get(tuple) == null) {
                metrics.tcpWithoutAllocationClosed();
                ctx.close();
              }
            },
            allocateTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /**
   * The frame is a slice of the stream's buffer, released when this returns: dispatched in place.
   */
  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    dispatcher.received(link, frame);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (link != null) {
      allocations.remove(link.tuple());
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
