package dev.parley.turn;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * The handler of one relay socket: datagrams from peers go to the allocation that owns it. Until
 * one does (the socket is being set up, or reserved by EVEN-PORT) they are dropped. Runs on the
 * socket's event loop, which is the allocation's.
 */
final class RelaySocket extends SimpleChannelInboundHandler<DatagramPacket> {
  /** Only touched on the socket's event loop. */
  private Allocation allocation;

  void attach(Allocation allocation) {
    this.allocation = allocation;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    if (allocation != null) {
      allocation.fromPeer(packet.sender(), packet.content());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // ICMP errors surface here as PortUnreachableException; a peer going away is not our fault.
  }
}
