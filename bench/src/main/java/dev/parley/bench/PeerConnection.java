package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * One simulated peer: a WebSocket connection that joins its room, learns its partner's id, then
 * sends signals to that partner and checks the order of the ones it receives.
 *
 * <p>Threading: the scenario puts a peer and its partner on the same event loop, so every field
 * below, and every call into the partner, is confined to that loop and needs no lock. The
 * methods the scenario calls from its own thread only hand work to the loop.
 */
final class PeerConnection extends SimpleChannelInboundHandler<TextWebSocketFrame> {
  /** Told once per peer: ready (joined, knows its partner) or failed. Called on the event loop. */
  interface Listener {
    void ready(PeerConnection peer);

    void failed(PeerConnection peer, String reason);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Handshake requests and Parley's answers are small; this only bounds a misbehaving server. */
  private static final int MAX_HTTP_BYTES = 16 * 1024;

  private final EventLoop loop;
  private final String room;
  private final Stats stats;
  private final Listener listener;
  private PeerConnection partner;
  /** Set once the channel is registered, before any event arrives. */
  private ChannelHandlerContext ctx;
  private String id;
  private String partnerId;
  /** The bytes every signal to the partner starts with; built once the partner is known. */
  private byte[] signalHead;
  /** Whether the listener has been told. */
  private boolean settled;
  /** The run is over: closes and departures are expected, not failures. */
  private boolean closing;

  private long nextSeq;
  /** The sequence number expected next from the partner. */
  private long expectedSeq;
  /** No signal is sent from this instant on (nanoTime). */
  private long stopNanos;

  /** Paced mode: the schedule, and the timer driving it ({@code null} while parked or idle). */
  private boolean paced;
  private long intervalNanos;
  private long nextIntendedNanos;
  private ScheduledFuture<?> timer;

  /** Windowed mode: signals written and not flushed yet. */
  private boolean unflushed;

  PeerConnection(EventLoop loop, String room, Stats stats, Listener listener) {
    this.loop = loop;
    this.room = room;
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

  ChannelFuture connect(Bootstrap bootstrap, URI url) {
    WebSocketClientProtocolConfig webSocket = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(url)
        // Not a browser: no Origin, as the protocol expects of non-browser clients.
        .generateOriginHeader(false)
        // Parley's frames are ASCII JSON; validating them would only take CPU from the run.
        .withUTF8Validator(false)
        .handshakeTimeoutMillis(10_000)
        .build();
    return bootstrap.clone(loop)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HTTP_BYTES),
                new WebSocketClientProtocolHandler(webSocket), PeerConnection.this);
          }
        })
        .connect(url.getHost(), url.getPort())
        .addListener(connected -> {
          if (!connected.isSuccess()) {
            fail("cannot connect: " + connected.cause());
          }
        });
  }

  // ---- called from the scenario's thread: hand over to the loop ----

  /** Sends {@code window} signals at {@code startNanos}, then one more per signal received. */
  void startWindowed(int window, long startNanos, long stopNanos) {
    loop.schedule(() -> {
      this.stopNanos = stopNanos;
      for (int i = 0; i < window; i++) {
        write(System.nanoTime());
      }
      ctx.flush();
    }, startNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  /** Sends one signal every {@code intervalNanos} from {@code firstNanos} on. */
  void startPaced(long firstNanos, long intervalNanos, long stopNanos) {
    loop.execute(() -> {
      this.paced = true;
      this.intervalNanos = intervalNanos;
      this.nextIntendedNanos = firstNanos;
      this.stopNanos = stopNanos;
      timer = loop.schedule(this::sendDue, firstNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    });
  }

  /**
   * Leaves the room and closes, together with the partner, so that neither takes the other's
   * departure for a failure.
   */
  Future<?> closeRoom() {
    return loop.submit(() -> {
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
      ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"join\",\"room\":\"" + room + "\"}"));
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      fail("WebSocket handshake timed out");
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws IOException {
    ByteBuf content = frame.content();
    if (SignalFrame.isRelayed(content)) {
      received(SignalFrame.stamp(content));
    } else {
      onMessage(JSON.readTree(ByteBufUtil.getBytes(content)));
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // Signals this read released from the partner's window go out in one write.
    partner.flushIfNeeded();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (paced && timer == null && ctx.channel().isWritable()) {
      sendDue();
    }
    ctx.fireChannelWritabilityChanged();
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

  private void onMessage(JsonNode message) {
    switch (message.path("type").asText()) {
      case "welcome" -> {
        id = message.path("peerId").asText();
        for (JsonNode peer : message.path("peers")) {
          partnerId = peer.path("peerId").asText();
        }
        readyIfPaired();
      }
      case "peer-joined" -> {
        partnerId = message.path("peer").path("peerId").asText();
        readyIfPaired();
      }
      // A signal laid out differently from what the fast path expects.
      case "signal" -> {
        JsonNode data = message.path("data");
        boolean stamped = data.path("seq").isIntegralNumber() && data.path("t").isIntegralNumber();
        received(stamped ? new SignalFrame.Stamp(data.get("seq").asLong(), data.get("t").asLong()) : null);
      }
      case "error" -> {
        stats.error(message.path("code").asText("?"));
        if (!settled) {
          fail("join refused: " + message.path("message").asText());
        }
      }
      case "peer-left", "goaway" -> {
        if (!closing) {
          stats.disconnect();
        }
      }
      default -> { } // pong, and whatever a newer server may add
    }
  }

  private void readyIfPaired() {
    if (!settled && id != null && partnerId != null) {
      settled = true;
      signalHead = SignalFrame.head(partnerId);
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
   * Paced mode: sends every signal whose intended time has come, each stamped with that time
   * rather than the actual one, so that time lost to a slow server or a busy loop shows up as
   * latency (no coordinated omission). While the socket is not writable the timer parks, and
   * the writability event resumes it with the backlog still stamped with its intended times.
   */
  private void sendDue() {
    timer = null;
    if (closing || !ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    long last = Math.min(now, stopNanos - 1);
    while (nextIntendedNanos <= last && ctx.channel().isWritable()) {
      write(nextIntendedNanos);
      nextIntendedNanos += intervalNanos;
    }
    ctx.flush();
    if (nextIntendedNanos >= stopNanos) {
      return;
    }
    if (now >= stopNanos) {
      // Past the end with signals still due: the generator (or the socket) could not keep up.
      stats.notSent((stopNanos - nextIntendedNanos + intervalNanos - 1) / intervalNanos);
      nextIntendedNanos = stopNanos;
    } else if (ctx.channel().isWritable()) {
      timer = loop.schedule(this::sendDue, nextIntendedNanos - now, TimeUnit.NANOSECONDS);
    }
  }

  private void write(long intendedNanos) {
    ByteBuf frame = SignalFrame.encode(ctx.alloc(), signalHead, nextSeq++, intendedNanos);
    ctx.write(new TextWebSocketFrame(frame), ctx.voidPromise());
    stats.sent(intendedNanos);
  }

  private void leaveAndClose() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    if (paced && nextIntendedNanos < stopNanos) {
      // Parked on a socket that never became writable again.
      stats.notSent((stopNanos - nextIntendedNanos + intervalNanos - 1) / intervalNanos);
      nextIntendedNanos = stopNanos;
    }
    if (ctx != null && ctx.channel().isActive()) {
      ctx.write(new TextWebSocketFrame("{\"type\":\"leave\"}"), ctx.voidPromise());
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
