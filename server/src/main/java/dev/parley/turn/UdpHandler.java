package dev.parley.turn;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * A UDP listener: each datagram is a message from the client at its source address. The datagram's
 * buffer is dispatched in place and released when this returns, so nothing may keep a view of it.
 */
@ChannelHandler.Sharable
final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private final Dispatcher dispatcher;

  UdpHandler(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    FiveTuple tuple =
        new FiveTuple(
            packet.sender(),
            (InetSocketAddress) ctx.channel().localAddress(),
            FiveTuple.Protocol.UDP);
    dispatcher.received(new ClientLink.Udp(ctx.channel(), tuple), packet.content());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // ICMP port unreachable from a client that went away; the listener carries on.
  }
}
