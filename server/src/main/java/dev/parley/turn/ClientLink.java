package dev.parley.turn;

import dev.parley.turn.stun.ChannelData;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;

/**
 * The way back to one client: a UDP listener and the client's address, or the client's TCP
 * connection. Its event loop owns the client's allocation.
 */
sealed interface ClientLink {
  FiveTuple tuple();

  Channel channel();

  void send(byte[] stunMessage);

  void send(ChannelData channelData);

  default EventLoop eventLoop() {
    return channel().eventLoop();
  }

  record Udp(Channel channel, FiveTuple tuple) implements ClientLink {
    @Override
    public void send(byte[] stunMessage) {
      channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(stunMessage), tuple.client()));
    }

    /** Unpadded over UDP (RFC 8656 §12.5). */
    @Override
    public void send(ChannelData channelData) {
      send(channelData.encode());
    }
  }

  record Tcp(Channel channel, FiveTuple tuple) implements ClientLink {
    @Override
    public void send(byte[] stunMessage) {
      channel.writeAndFlush(Unpooled.wrappedBuffer(stunMessage));
    }

    /** Padded to 4 bytes over TCP, or the stream loses its framing (RFC 8656 §12.5). */
    @Override
    public void send(ChannelData channelData) {
      send(channelData.encodePadded());
    }
  }
}
