package dev.parley.ice;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * The media port's one inbound handler: each datagram goes to the agent, which demultiplexes it.
 * The datagram's buffer is read in place and released when this returns.
 */
@ChannelHandler.Sharable
final class MediaPortHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private final IceAgent agent;

  MediaPortHandler(IceAgent agent) {
    this.agent = agent;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    agent.received(ctx.channel(), packet.sender(), packet.content());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // ICMP port unreachable from a peer that went away; the port carries on.
  }
}
