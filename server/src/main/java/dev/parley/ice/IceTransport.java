package dev.parley.ice;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One peer connection's ICE transport on the media port: its local credentials, the remote ufrag
 * from the peer's SDP, and, once the controlling peer nominates one (USE-CANDIDATE), the selected
 * remote address that DTLS and RTP flow to and from. A lite agent has one component per transport
 * (BUNDLE and rtcp-mux), so one selected address.
 *
 * <p>The path fields are written on the media event loop only, read from any thread (volatile).
 */
public final class IceTransport {
  private final IceCredentials local;

  /** From the peer's SDP; null until the answer of a connection this node offered. */
  private volatile String remoteUfrag;

  private final IceAgent agent;
  private final CopyOnWriteArrayList<Runnable> closeListeners = new CopyOnWriteArrayList<>();
  private volatile MediaSink dtls;
  private volatile MediaSink rtp;

  /** The nominated path, or null before USE-CANDIDATE. */
  private volatile Path selected;

  /** System.nanoTime() of the last check that passed integrity; consent expires from it. */
  private volatile long lastCheckNanos;

  private volatile boolean closed;

  /** The socket a check arrived on and the address it came from. */
  record Path(Channel channel, InetSocketAddress remote) {}

  IceTransport(IceCredentials local, String remoteUfrag, IceAgent agent, long nowNanos) {
    this.local = local;
    this.remoteUfrag = remoteUfrag;
    this.agent = agent;
    this.lastCheckNanos = nowNanos;
  }

  public IceCredentials local() {
    return local;
  }

  public String remoteUfrag() {
    return remoteUfrag;
  }

  /**
   * The peer's ufrag from its answer, for a transport made by {@link
   * IceAgent#newOfferingTransport}; checks pass from now on. Any thread.
   *
   * @throws IllegalArgumentException when it is not a ufrag
   * @throws IllegalStateException when the transport already has one
   */
  public void answered(String remoteUfrag) {
    if (!IceCredentials.isUfrag(remoteUfrag)) {
      throw new IllegalArgumentException("not an ICE ufrag: " + remoteUfrag);
    }
    if (this.remoteUfrag != null && !this.remoteUfrag.equals(remoteUfrag)) {
      throw new IllegalStateException("the transport already answers ufrag " + this.remoteUfrag);
    }
    this.remoteUfrag = remoteUfrag;
  }

  /** The remote address nominated with USE-CANDIDATE, if any yet. */
  public Optional<InetSocketAddress> selectedAddress() {
    Path path = selected;
    return path == null ? Optional.empty() : Optional.of(path.remote());
  }

  /** Where this transport's DTLS datagrams go; set before the peer can send them. */
  public void onDtls(MediaSink sink) {
    this.dtls = sink;
  }

  /** Where this transport's RTP and RTCP datagrams go. */
  public void onRtp(MediaSink sink) {
    this.rtp = sink;
  }

  /**
   * Runs once when the transport closes (consent expired, closed by its owner, the agent stopped).
   */
  public void onClose(Runnable listener) {
    closeListeners.add(listener);
    if (closed && closeListeners.remove(listener)) {
      listener.run();
    }
  }

  /**
   * Sends a datagram to the selected address; false (and the buffer released) when there is none
   * yet or the transport is closed. Takes ownership of the buffer. Any thread.
   */
  public boolean send(ByteBuf datagram) {
    Path path = selected;
    if (path == null || closed) {
      datagram.release();
      return false;
    }
    path.channel()
        .writeAndFlush(new DatagramPacket(datagram, path.remote()), path.channel().voidPromise());
    return true;
  }

  /** Sends a copy of the bytes; see {@link #send(ByteBuf)}. */
  public boolean send(byte[] datagram, int offset, int length) {
    return send(Unpooled.copiedBuffer(datagram, offset, length));
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the transport: its ufrag and address are forgotten and its close listeners run. Any
   * thread.
   */
  public void close() {
    agent.remove(this);
  }

  /** Called by the agent once it has forgotten the transport. */
  void closed() {
    if (closed) {
      return;
    }
    closed = true;
    for (Runnable listener : closeListeners) {
      if (closeListeners.remove(listener)) {
        listener.run();
      }
    }
  }

  // Event-loop side, called by the agent.

  void checked(long nowNanos) {
    lastCheckNanos = nowNanos;
  }

  long lastCheckNanos() {
    return lastCheckNanos;
  }

  Path selectedPath() {
    return selected;
  }

  void select(Path path) {
    selected = path;
  }

  MediaSink sink(PacketClass kind) {
    return kind == PacketClass.DTLS ? dtls : rtp;
  }

  @Override
  public String toString() {
    return "IceTransport["
        + local.ufrag()
        + ":"
        + remoteUfrag
        + (selected == null ? "" : " via " + selected.remote())
        + (closed ? ", closed" : "")
        + "]";
  }
}
