package dev.parley.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a connection to a port that serves TURN beside another protocol (HTTP, or
 * TLS in front of HTTP): waits for enough of the first bytes to tell a STUN message from anything
 * else, puts the handlers of that protocol behind itself, removes itself and hands them the bytes
 * it held. A connection that has not been told apart within its deadline is closed, so one that
 * sends a byte or two and stalls holds nothing for long; what is left of the deadline goes to the
 * protocol found, so that a slow start does not buy an HTTP client more time.
 *
 * <p>Only STUN starts a TURN connection: its first message is an Allocate or Binding request, since
 * ChannelData needs a channel bound by an allocation on this very connection (RFC 8656 §12).
 * ChannelData's first byte, 0x40-0x4F, is also the first letter of GET, HEAD, DELETE, CONNECT and
 * OPTIONS, so taking it for TURN would take web requests away from the web.
 *
 * <p>One instance per connection; event loop only.
 */
final class TurnDetector extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(TurnDetector.class);

  /** RFC 8489 §5: bytes 4-7 of every STUN message. */
  private static final byte[] MAGIC_COOKIE = {0x21, 0x12, (byte) 0xA4, 0x42};

  private static final int COOKIE_OFFSET = 4;

  /** Enough to know a STUN header from anything else: type, length and the magic cookie. */
  static final int BYTES_NEEDED = COOKIE_OFFSET + MAGIC_COOKIE.length;

  /** What the first bytes of a connection say it is. */
  enum Verdict {
    /** A STUN message: the connection is TURN's. */
    TURN,
    /** Not a STUN message, whatever may follow. */
    OTHER,
    /** Everything so far could begin a STUN message; wait for more. */
    UNDECIDED
  }

  /** Adds the handlers of a protocol behind this one. */
  @FunctionalInterface
  interface Next {
    /**
     * @param remaining what is left of the connection's deadline
     */
    void addTo(ChannelPipeline pipeline, Duration remaining);
  }

  private final Duration wait;
  private final Next turn;
  private final Next other;

  /** Armed from {@link #handlerAdded} until a verdict. */
  private final CloseDeadline deadline = new CloseDeadline();

  /**
   * @param wait how long the connection may take to show what it is
   * @param turn adds the TURN handlers
   * @param other adds the handlers of the port's other protocol
   */
  TurnDetector(Duration wait, Next turn, Next other) {
    this.wait = wait;
    this.turn = turn;
    this.other = other;
  }

  /**
   * The verdict on the readable bytes of {@code in}, which are not consumed. A STUN message has
   * 0b00 as its first two bits, a length that is a multiple of 4 (RFC 8489 §5: attributes are
   * padded), and the magic cookie at bytes 4-7. Decided as soon as one byte rules STUN out.
   */
  static Verdict verdict(ByteBuf in) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    if (readable == 0) {
      return Verdict.UNDECIDED;
    }
    if ((in.getByte(start) & 0xC0) != 0) {
      return Verdict.OTHER;
    }
    if (readable > 3 && (in.getByte(start + 3) & 0x03) != 0) {
      return Verdict.OTHER;
    }
    for (int i = COOKIE_OFFSET; i < Math.min(readable, BYTES_NEEDED); i++) {
      if (in.getByte(start + i) != MAGIC_COOKIE[i - COOKIE_OFFSET]) {
        return Verdict.OTHER;
      }
    }
    return readable >= BYTES_NEEDED ? Verdict.TURN : Verdict.UNDECIDED;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadline.arm(ctx, wait.toNanos());
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    Next next =
        switch (verdict(in)) {
          case TURN -> turn;
          case OTHER -> other;
          case UNDECIDED -> null;
        };
    Duration remaining = next == null ? null : deadline.remaining();
    if (remaining == null) {
      return;
    }
    deadline.disarm();
    next.addTo(ctx.pipeline(), remaining);
    // The decoder hands the bytes it holds to the handlers just added as it goes.
    ctx.pipeline().remove(this);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    deadline.disarm();
  }

  /** Before a verdict nothing behind this handler would know what to do with an error: close. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug(
        "closing {} before it said what it speaks: {}",
        ctx.channel().remoteAddress(),
        cause.toString());
    ctx.close();
  }
}
