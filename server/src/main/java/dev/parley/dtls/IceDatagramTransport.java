package dev.parley.dtls;

import dev.parley.ice.IceTransport;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * BC's datagram transport over an ICE transport's selected path: datagrams arrive on the media
 * event loop ({@link #offer}, copied, as the receive buffer does not outlive the call) and wait in
 * a small queue for the handshake thread's {@link #receive}; {@link #send} writes to the path.
 */
final class IceDatagramTransport implements org.bouncycastle.tls.DatagramTransport {
  /** Flights are a few datagrams; more waiting than this is a flood. */
  private static final int QUEUE = 32;

  /** The largest datagram of one ICE-selected UDP path (an Ethernet MTU). */
  private static final int RECEIVE_LIMIT = 1500;

  /** Below the IPv6 minimum MTU less headers, so handshake flights are never fragmented by IP. */
  private static final int SEND_LIMIT = 1200;

  private final IceTransport ice;
  private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE);
  private volatile boolean closed;

  IceDatagramTransport(IceTransport ice) {
    this.ice = ice;
  }

  /** On the event loop: false when the queue is full (the datagram is dropped). */
  boolean offer(ByteBuf datagram) {
    byte[] copy = new byte[datagram.readableBytes()];
    datagram.getBytes(datagram.readerIndex(), copy);
    return inbound.offer(copy);
  }

  boolean hasPending() {
    return !inbound.isEmpty();
  }

  @Override
  public int getReceiveLimit() {
    return RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return SEND_LIMIT;
  }

  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    if (closed || ice.isClosed()) {
      throw new IOException("the ICE transport is closed");
    }
    byte[] datagram;
    try {
      datagram = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (datagram == null) {
      return -1;
    }
    int length = Math.min(len, datagram.length);
    System.arraycopy(datagram, 0, buf, off, length);
    return length;
  }

  @Override
  public void send(byte[] buf, int off, int len) throws IOException {
    if (closed || !ice.send(buf, off, len)) {
      throw new IOException("the ICE transport has no selected path, or is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
