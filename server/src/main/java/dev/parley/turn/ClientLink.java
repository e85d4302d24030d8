package dev.parley.turn;

import dev.parley.stun.ChannelData;
import dev.parley.stun.DataIndication;
import dev.parley.stun.StunMessage;
import dev.parley.stun.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * The way back to one client: a UDP listener and the client's address, or the client's TCP
 * connection. Its event loop owns the client's allocation.
 */
sealed interface ClientLink {
  FiveTuple tuple();

  Channel channel();

  /** Writes one whole message (a datagram, or a frame of the stream) and flushes it. */
  void write(ByteBuf message);

  /**
   * Whether ChannelData is padded to 4 bytes: over TCP it must be, or the stream loses its framing
   * (RFC 8656 §12.5).
   */
  boolean padsChannelData();

  default EventLoop eventLoop() {
    return channel().eventLoop();
  }

  default void send(byte[] stunMessage) {
    write(Unpooled.wrappedBuffer(stunMessage));
  }

  /** A peer's datagram over a bound channel (RFC 8656 §12.6); the payload is copied, not kept. */
  default void sendChannelData(int channelNumber, ByteBuf payload) {
    int length = payload.readableBytes();
    writeFramed(
        ChannelData.header(channelNumber, length),
        payload,
        padsChannelData() ? StunMessage.paddingLength(length) : 0);
  }

  /** A peer's datagram in a Data indication (RFC 8656 §11.3); the payload is copied, not kept. */
  default void sendDataIndication(InetSocketAddress peer, ByteBuf payload) {
    int length = payload.readableBytes();
    writeFramed(
        DataIndication.prefix(TransactionId.random(), peer, length),
        payload,
        StunMessage.paddingLength(length));
  }

  /**
   * One buffer from the socket's allocator (direct, so the socket writes it without another copy).
   */
  private void writeFramed(byte[] prefix, ByteBuf payload, int padding) {
    int length = payload.readableBytes();
    ByteBuf message = channel().alloc().ioBuffer(prefix.length + length + padding);
    message
        .writeBytes(prefix)
        .writeBytes(payload, payload.readerIndex(), length)
        .writeZero(padding);
    write(message);
  }

  record Udp(Channel channel, FiveTuple tuple) implements ClientLink {
    @Override
    public void write(ByteBuf message) {
      channel.writeAndFlush(new DatagramPacket(message, tuple.client()));
    }

    @Override
    public boolean padsChannelData() {
      return false;
    }
  }

  record Tcp(Channel channel, FiveTuple tuple) implements ClientLink {
    @Override
    public void write(ByteBuf message) {
      channel.writeAndFlush(message);
    }

    @Override
    public boolean padsChannelData() {
      return true;
    }
  }
}
