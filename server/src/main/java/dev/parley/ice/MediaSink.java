package dev.parley.ice;

import io.netty.buffer.ByteBuf;

/**
 * Where a transport hands the datagrams of one class (DTLS, or RTP/RTCP) that arrive from its
 * selected address. Called on the media event loop; the buffer is Netty's receive buffer, valid
 * only during the call (copy what must outlive it, release nothing).
 */
@FunctionalInterface
public interface MediaSink {
  void received(ByteBuf datagram);
}
