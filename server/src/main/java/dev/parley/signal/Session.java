package dev.parley.signal;

import dev.parley.auth.AccessGrant;
import dev.parley.auth.Admission;
import dev.parley.protocol.ClientCodec;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ClientMessage.Broadcast;
import dev.parley.protocol.ClientMessage.Join;
import dev.parley.protocol.ClientMessage.Leave;
import dev.parley.protocol.ClientMessage.Legacy;
import dev.parley.protocol.ClientMessage.Ping;
import dev.parley.protocol.ClientMessage.Publish;
import dev.parley.protocol.ClientMessage.Render;
import dev.parley.protocol.ClientMessage.Signal;
import dev.parley.protocol.ClientMessage.SubscribeAnswer;
import dev.parley.protocol.CloseReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One WebSocket connection speaking protocol v1 (or, if its first message says so, the legacy
 * tutorial protocol).
 *
 * <p>Threading: {@link #onText}, {@link #onBinary} and {@link #onClosed} run on the channel's event
 * loop and own the fields below; {@link #send} may be called from any thread (rooms call it from
 * their executors).
 */
public final class Session {
  /** How long a client may take to answer our close frame before the connection is cut. */
  static final long CLOSE_GRACE_MILLIS = 1_000;

  // The outbox's counters are updated through field updaters rather than held in atomic objects:
  // three objects fewer per connection, which every idle peer pays for.
  private static final AtomicLongFieldUpdater<Session> OUTBOX_BYTES =
      AtomicLongFieldUpdater.newUpdater(Session.class, "outboxBytes");
  private static final AtomicIntegerFieldUpdater<Session> OUTBOX_SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(Session.class, "outboxScheduled");
  private static final AtomicIntegerFieldUpdater<Session> DROPPED_AS_SLOW =
      AtomicIntegerFieldUpdater.newUpdater(Session.class, "droppedAsSlow");

  private final Channel channel;
  private final Signaling signaling;
  private final RateLimiter limiter;

  /** The room this session asked to join and has not left; it may still refuse the join. */
  private Room room;

  private boolean legacy;
  private boolean spokeV1;

  /**
   * What the last admitted join may do; set before the join is handed to its room, which reads it
   * on its executor.
   */
  private volatile AccessGrant grant;

  /** Whole text frames for this client not yet handed to its channel; see {@link #send}. */
  private final Queue<ByteBuf> outbox = new ConcurrentLinkedQueue<>();

  private volatile long outboxBytes;

  /** 1 while a task to write the outbox is on its way to the event loop. */
  @SuppressWarnings("UnusedVariable") // read through its AtomicIntegerFieldUpdater above
  private volatile int outboxScheduled;

  /** 1 once this client was found too slow and its connection closed. */
  @SuppressWarnings("UnusedVariable") // read through its AtomicIntegerFieldUpdater above
  private volatile int droppedAsSlow;

  /** This side sent its close frame: what the client still sends is not read. Event loop only. */
  private boolean closing;

  Session(Channel channel, Signaling signaling) {
    this.channel = channel;
    this.signaling = signaling;
    this.limiter =
        new RateLimiter(
            signaling.config.messagesPerSecond(),
            signaling.config.messageBurst(),
            System.nanoTime());
  }

  public void onText(ByteBuf content) {
    if (closing || !admitted()) {
      return;
    }
    byte[] frame = ByteBufUtil.getBytes(content);
    // Netty's own validator would close the connection; the protocol answers with an error. The
    // check reads the copy: over a heap array it is much faster than over the pooled buffer the
    // frame arrived in (measured in docs/benchmarks.md).
    if (!ByteBufUtil.isText(Unpooled.wrappedBuffer(frame), StandardCharsets.UTF_8)) {
      refuse(ErrorCode.BAD_JSON, "a frame must be valid UTF-8 text");
      return;
    }
    ClientMessage message;
    try {
      message = ClientCodec.decode(frame);
    } catch (ProtocolException e) {
      refuse(e.code(), e.getMessage());
      return;
    }
    signaling.metrics.received(message);
    dispatch(message);
  }

  public void onBinary() {
    if (!closing && admitted()) {
      refuse(ErrorCode.BAD_MESSAGE, "binary frames are not part of the protocol; send JSON text");
    }
  }

  private boolean admitted() {
    if (limiter.tryAcquire(System.nanoTime())) {
      return true;
    }
    if (limiter.abusive()) {
      close(CloseReason.RATE_ABUSE);
    } else {
      refuse(
          ErrorCode.RATE_LIMITED,
          "too many messages: at most " + signaling.config.messagesPerSecond() + " per second");
    }
    return false;
  }

  private void dispatch(ClientMessage message) {
    if (legacy && !(message instanceof Legacy) && !(message instanceof Ping)) {
      refuse(
          ErrorCode.BAD_MESSAGE,
          "this connection speaks the legacy protocol (offer, answer, ice-candidate)");
      return;
    }
    switch (message) {
      case Join join -> join(join);
      case Signal signal -> {
        if (room == null) {
          refuse(ErrorCode.NOT_JOINED, "join a room before sending signals");
        } else {
          room.relay(this, signal);
        }
      }
      case Leave leave -> {
        if (room == null) {
          refuse(ErrorCode.NOT_JOINED, "not in a room");
        } else {
          room.leave(this);
          room = null;
        }
      }
      case Publish publish -> toMedia((media, peer) -> media.publish(peer, publish.sdp()));
      case SubscribeAnswer answer ->
          toMedia((media, peer) -> media.subscribeAnswer(peer, answer.sdp()));
      case Render render ->
          toMedia(
              (media, peer) ->
                  media.render(peer, render.trackId(), render.width(), render.height()));
      case Broadcast broadcast -> {
        if (room == null) {
          refuse(ErrorCode.NOT_JOINED, "join a room before sending signals");
        } else {
          room.broadcast(this, broadcast.data());
        }
      }
      case Ping ping -> send(ServerMessage.Pong.INSTANCE);
      case Legacy legacyMessage -> legacy(legacyMessage);
    }
    if (!spokeV1 && !legacy && !(message instanceof Legacy)) {
      spokeV1 = true;
      if (signaling.legacy != null) {
        signaling.legacy.remove(this);
      }
    }
  }

  private void toMedia(RoomMediaState.Call call) {
    if (room == null) {
      refuse(ErrorCode.NOT_JOINED, "join a room before sending media messages");
    } else {
      room.media(this, call);
    }
  }

  private void join(Join join) {
    if (room != null) {
      refuse(ErrorCode.ALREADY_JOINED, "already in room '" + room.name + "'; leave it first");
      return;
    }
    switch (signaling.admission.admit(
        channel.remoteAddress(), join.room(), join.name(), join.token())) {
      case Admission.Refused refused -> {
        refuse(
            refused.rateLimited() ? ErrorCode.RATE_LIMITED : ErrorCode.UNAUTHORIZED,
            refused.message());
        return;
      }
      case Admission.Admitted admitted -> grant = admitted.grant();
    }
    Room target = signaling.rooms.acquire(join.room(), channel.eventLoop());
    if (target == null) {
      refuse(ErrorCode.ROOM_FULL, "this server has reached its limit of rooms");
      return;
    }
    room = target;
    target.join(this, join);
  }

  private void legacy(Legacy message) {
    if (!legacy) {
      if (spokeV1 || signaling.legacy == null) {
        refuse(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + message.kind().wire() + "'");
        return;
      }
      legacy = true;
    }
    signaling.legacy.relay(this, message);
  }

  AccessGrant grant() {
    return grant;
  }

  /** Called by a room that refused this session's join. */
  void joinRefused(Room refused) {
    channel
        .eventLoop()
        .execute(
            () -> {
              if (room == refused) {
                room = null;
              }
            });
  }

  /** Called by a room when a newer connection resumed this session's peer. */
  void replaced() {
    close(CloseReason.REPLACED);
  }

  public void onClosed() {
    if (room != null) {
      room.disconnected(this);
      room = null;
    }
    if (signaling.legacy != null) {
      signaling.legacy.remove(this);
    }
    signaling.sessionClosed(this);
  }

  private void refuse(ErrorCode code, String message) {
    send(new ServerMessage.Error(code, message));
  }

  /**
   * Queues a message for this client, from any thread. A client whose outbound buffer is full
   * cannot keep up; it is dropped rather than allowed to hold memory or slow its senders.
   */
  public void send(ServerMessage message) {
    if (!channel.isActive()) {
      return;
    }
    if (!channel.isWritable() || outboxBytes > channel.config().getWriteBufferHighWaterMark()) {
      // The close completes on the channel's loop; sends racing it must not count it again.
      if (DROPPED_AS_SLOW.compareAndSet(this, 0, 1)) {
        signaling.metrics.slowClientDropped();
        channel.close();
      }
      return;
    }
    signaling.metrics.sent(message);
    ByteBuf frame = TextFrames.encode(message, channel.alloc());
    OUTBOX_BYTES.addAndGet(this, frame.readableBytes());
    outbox.add(frame);
    if (OUTBOX_SCHEDULED.compareAndSet(this, 0, 1)) {
      onEventLoop(this::writeOutbox);
    }
  }

  /**
   * On the event loop: every frame queued so far in one go and a single flush. A flush per message
   * cost a write syscall (and, from a room's thread, a task) per signal; under load several signals
   * for one client wait here together and leave in one write.
   */
  private void writeOutbox() {
    outboxScheduled = 0;
    ByteBuf frame;
    boolean wrote = false;
    while ((frame = outbox.poll()) != null) {
      OUTBOX_BYTES.addAndGet(this, -frame.readableBytes());
      channel.write(frame, channel.voidPromise());
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
  }

  private void onEventLoop(Runnable task) {
    try {
      channel.eventLoop().execute(task);
    } catch (RejectedExecutionException e) {
      // The server is stopping and its loops with it: nothing will be written any more.
      ByteBuf frame;
      while ((frame = outbox.poll()) != null) {
        frame.release();
      }
    }
  }

  boolean isOpen() {
    return channel.isActive();
  }

  /**
   * Ends the session with a close frame, after whatever is queued for this client (an error saying
   * why, typically). The connection closes when the client answers with its own close frame
   * (Netty's protocol handler does that), or after {@link #CLOSE_GRACE_MILLIS}. Closing the socket
   * at once would reset it while the client's last frames are still unread, and the reset can
   * destroy our close frame before the client reads it: it would see 1006, not why.
   */
  public void close(CloseReason reason) {
    close(reason.code(), reason.reason());
  }

  /** Closes after a frame the WebSocket layer refused, with the code it chose and its words. */
  public void closeAfterViolation(WebSocketCloseStatus status, String reason) {
    close(status.code(), reason == null ? status.reasonText() : reason);
  }

  private void close(int code, String reason) {
    onEventLoop(
        () -> {
          if (channel.isActive() && !closing) {
            closing = true;
            writeOutbox();
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
            channel
                .eventLoop()
                .schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
          }
        });
  }

  @Override
  public String toString() {
    return "Session" + channel.remoteAddress();
  }
}
