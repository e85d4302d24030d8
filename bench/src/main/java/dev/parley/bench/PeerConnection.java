package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated peer: a WebSocket connection that joins its room (or, with PeerJS, registers its
 * id), learns its partner's id, then sends signals to that partner and checks the order of the ones
 * it receives. While connected it sends the keep-alives a real client of its server would.
 *
 * <p>Threading: the scenario puts a peer and its partner on the same event loop, so every field
 * below, and every call into the partner, is confined to that loop and needs no lock. The methods
 * the scenario calls from its own thread only hand work to the loop.
 */
final class PeerConnection extends SimpleChannelInboundHandler<TextWebSocketFrame> {
  /** Told once per peer: ready (joined, knows its partner) or failed. Called on the event loop. */
  interface Listener {
    void ready(PeerConnection peer);

    void failed(PeerConnection peer, String reason);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventLoop loop;
  private final Protocol protocol;
  private final String room;

  /** This peer's own name: its id where the client picks ids (PeerJS). */
  private final String name;

  private final Stats stats;
  private final Listener listener;
  private PeerConnection partner;

  /** Set once the channel is registered, before any event arrives. */
  private ChannelHandlerContext ctx;

  private String id;
  private String partnerId;

  /** The bytes every signal to the partner starts with; built once the partner is known. */
  private byte[] signalHead;

  private ScheduledFuture<?> heartbeat;

  /** Whether the listener has been told. */
  private boolean settled;

  /** The run is over: closes and departures are expected, not failures. */
  private boolean closing;

  private long nextSeq;

  /** The sequence number expected next from the partner. */
  private long expectedSeq;

  /** No signal is sent from this instant on (nanoTime). */
  private long stopNanos;

  /** Paced mode: the schedule, driven by the loop's {@link Pacer}. */
  private boolean paced;

  private long intervalNanos;
  private long nextIntendedNanos;

  /** Windowed mode: signals written and not flushed yet. */
  private boolean unflushed;

  /**
   * @param name this peer's name, unique in the run
   * @param partnerName its partner's; the ids where the client picks them (PeerJS), else unused
   */
  PeerConnection(
      EventLoop loop,
      Protocol protocol,
      String room,
      String name,
      String partnerName,
      Stats stats,
      Listener listener) {
    this.loop = loop;
    this.protocol = protocol;
    this.room = room;
    this.name = name;
    if (protocol instanceof Protocol.PeerJs) {
      this.partnerId = partnerName;
    }
    this.stats = stats;
    this.listener = listener;
  }

  /** Makes two peers of one room each other's partner; both must use the same event loop. */
  static void pair(PeerConnection a, PeerConnection b) {
    if (a.loop != b.loop) {
      throw new IllegalArgumentException("partners must share an event loop");
    }
    a.partner = b;
    b.partner = a;
  }

  /**
   * @param source the local address to connect from, {@code null} for the system's choice
   */
  ChannelFuture connect(Bootstrap bootstrap, URI server, InetSocketAddress source) {
    return WebSocketDial.open(bootstrap, loop, protocol.address(server, name), source, this)
        .addListener(
            connected -> {
              if (!connected.isSuccess()) {
                fail("cannot connect: " + connected.cause());
              }
            });
  }

  // ---- called from the scenario's thread: hand over to the loop ----

  /** Sends {@code window} signals at {@code startNanos}, then one more per signal received. */
  void startWindowed(int window, long startNanos, long stopNanos) {
    loop.schedule(
        () -> {
          this.stopNanos = stopNanos;
          for (int i = 0; i < window; i++) {
            write(System.nanoTime());
          }
          ctx.flush();
        },
        startNanos - System.nanoTime(),
        TimeUnit.NANOSECONDS);
  }

  /**
   * Schedules one signal every {@code intervalNanos} from {@code firstNanos} on; its pacer sends
   * them.
   */
  void pace(long firstNanos, long intervalNanos, long stopNanos) {
    loop.execute(
        () -> {
          this.paced = true;
          this.intervalNanos = intervalNanos;
          this.nextIntendedNanos = firstNanos;
          this.stopNanos = stopNanos;
        });
  }

  EventLoop loop() {
    return loop;
  }

  /**
   * Leaves the room and closes, together with the partner, so that neither takes the other's
   * departure for a failure.
   */
  Future<?> closeRoom() {
    return loop.submit(
        () -> {
          closing = true;
          partner.closing = true;
          leaveAndClose();
          partner.leaveAndClose();
        });
  }

  // ---- on the event loop from here on ----

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      String hello = protocol.hello(room);
      if (hello != null) {
        ctx.writeAndFlush(new TextWebSocketFrame(hello));
      }
      startHeartbeat();
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      fail("WebSocket handshake timed out");
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
      throws IOException {
    ByteBuf content = frame.content();
    if (protocol.isRelayed(content)) {
      received(SignalFrame.stamp(content));
    } else {
      onMessage(protocol.read(JSON.readTree(ByteBufUtil.getBytes(content))));
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // Signals this read released from the partner's window go out in one write.
    partner.flushIfNeeded();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!closing) {
      stats.disconnect();
      fail("connection closed");
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause.toString());
    ctx.close();
  }

  private void onMessage(Protocol.Event event) {
    switch (event) {
      case Protocol.Joined joined -> {
        id = joined.selfId() != null ? joined.selfId() : name;
        if (joined.partnerId() != null) {
          partnerId = joined.partnerId();
        }
        readyIfPaired();
      }
      case Protocol.PeerArrived arrived -> {
        partnerId = arrived.peerId();
        readyIfPaired();
      }
      // A signal laid out differently from what the fast path expects.
      case Protocol.Signal signal -> {
        var data = signal.data();
        boolean stamped = data.path("seq").isIntegralNumber() && data.path("t").isIntegralNumber();
        received(
            stamped
                ? new SignalFrame.Stamp(data.get("seq").asLong(), data.get("t").asLong())
                : null);
      }
      case Protocol.Error error -> {
        stats.error(error.code());
        if (!settled) {
          fail("refused: " + error.code() + " " + error.message());
        }
      }
      case Protocol.Departed departed -> {
        if (!closing) {
          stats.disconnect();
        }
      }
      case Protocol.Other other -> {}
    }
  }

  /** Keeps the connection alive as the server's own client would, from a random phase. */
  private void startHeartbeat() {
    String beat = protocol.heartbeat();
    if (beat == null) {
      return;
    }
    long period = protocol.heartbeatSeconds() * 1_000_000_000L;
    heartbeat =
        loop.scheduleAtFixedRate(
            () -> {
              if (ctx.channel().isActive()) {
                ctx.writeAndFlush(new TextWebSocketFrame(beat), ctx.voidPromise());
              }
            },
            ThreadLocalRandom.current().nextLong(period),
            period,
            TimeUnit.NANOSECONDS);
  }

  private void readyIfPaired() {
    if (!settled && id != null && partnerId != null) {
      settled = true;
      signalHead = protocol.signalHead(partnerId);
      listener.ready(this);
    }
  }

  /** A signal from the partner, the only other peer in the room; {@code null} if unreadable. */
  private void received(SignalFrame.Stamp stamp) {
    long now = System.nanoTime();
    if (stamp == null) {
      stats.error("bench:unreadable-signal");
      return;
    }
    if (stamp.seq() < expectedSeq) {
      stats.outOfOrder();
    } else {
      expectedSeq = stamp.seq() + 1;
    }
    stats.received(stamp.sentNanos(), now);
    partner.deliveredToPartner();
  }

  /**
   * The partner received one of this peer's signals: in windowed mode that frees a slot, so the
   * number in flight stays at the window.
   */
  private void deliveredToPartner() {
    if (paced) {
      return;
    }
    long now = System.nanoTime();
    if (now < stopNanos && !closing) {
      write(now);
      unflushed = true;
    }
  }

  private void flushIfNeeded() {
    if (unflushed) {
      unflushed = false;
      ctx.flush();
    }
  }

  /**
   * Paced mode, at a tick of the loop's pacer: sends every signal whose intended time has come,
   * each stamped with that time rather than the actual one, so that time lost to a slow server or a
   * busy loop shows up as latency (no coordinated omission). While the socket is not writable the
   * backlog waits, still stamped with its intended times, for a later tick.
   */
  void sendDue(long now) {
    if (!paced
        || closing
        || nextIntendedNanos >= stopNanos
        || nextIntendedNanos > now
        || !ctx.channel().isActive()) {
      return;
    }
    long last = Math.min(now, stopNanos - 1);
    boolean wrote = false;
    while (nextIntendedNanos <= last && ctx.channel().isWritable()) {
      write(nextIntendedNanos);
      nextIntendedNanos += intervalNanos;
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
    }
    if (now >= stopNanos && nextIntendedNanos < stopNanos) {
      // Past the end with signals still due: the generator (or the socket) could not keep up.
      stats.notSent((stopNanos - nextIntendedNanos + intervalNanos - 1) / intervalNanos);
      nextIntendedNanos = stopNanos;
    }
  }

  private void write(long intendedNanos) {
    ByteBuf frame = SignalFrame.encode(ctx.alloc(), signalHead, nextSeq++, intendedNanos);
    ctx.write(new TextWebSocketFrame(frame), ctx.voidPromise());
    stats.sent(intendedNanos);
  }

  private void leaveAndClose() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
    }
    if (paced && nextIntendedNanos < stopNanos) {
      // Waiting on a socket that never became writable again.
      stats.notSent((stopNanos - nextIntendedNanos + intervalNanos - 1) / intervalNanos);
      nextIntendedNanos = stopNanos;
    }
    if (ctx != null && ctx.channel().isActive()) {
      String leave = protocol.leave();
      if (leave != null) {
        ctx.write(new TextWebSocketFrame(leave), ctx.voidPromise());
      }
      // The WebSocket handler sends a close frame before the socket closes.
      ctx.channel().close();
    }
  }

  private void fail(String reason) {
    if (!settled) {
      settled = true;
      listener.failed(this, reason);
    }
  }
}
