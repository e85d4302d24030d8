package dev.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The bench's signal: an ICE candidate as a browser would send it, plus a sequence number and the
 * sender's intended send time ({@link System#nanoTime}; sender and receiver share a JVM), in the
 * envelope of a {@link Protocol}. Written and read by hand rather than by a JSON library: the load
 * generator shares the machine with the server and must spend as little per message as it can.
 */
final class SignalFrame {
  /** Marks a number that is not there. */
  private static final long MISSING = Long.MIN_VALUE;

  private static final byte[] TIME = ascii(",\"t\":");
  private static final byte[] END = ascii("}}");
  private static final byte[] SEQ_FIELD = ascii("\"seq\":");
  private static final byte[] TIME_FIELD = ascii("\"t\":");

  /** Enough for the seq and t fields with the longest numbers and the closing braces after them. */
  private static final int TAIL_BYTES = 64;

  /** What a receiver needs from a signal: its place in the sender's order and when it was due. */
  record Stamp(long seq, long sentNanos) {}

  private SignalFrame() {}

  /**
   * @param head {@link Protocol#signalHead}: the envelope up to the sequence number
   */
  static ByteBuf encode(ByteBufAllocator alloc, byte[] head, long seq, long sentNanos) {
    ByteBuf buf = alloc.buffer(head.length + 48);
    buf.writeBytes(head);
    writeDecimal(buf, seq);
    buf.writeBytes(TIME);
    writeDecimal(buf, sentNanos);
    return buf.writeBytes(END);
  }

  /**
   * The stamp of a relayed signal, or {@code null} if it has none. Only the frame's last bytes are
   * read (in one copy): both relays keep the sender's payload verbatim and last, so they are the
   * stamp.
   */
  static Stamp stamp(ByteBuf frame) {
    int length = Math.min(TAIL_BYTES, frame.readableBytes());
    byte[] tail = new byte[length];
    frame.getBytes(frame.writerIndex() - length, tail);
    int seqAt = lastIndexOf(tail, SEQ_FIELD);
    int timeAt = lastIndexOf(tail, TIME_FIELD);
    if (seqAt < 0 || timeAt < seqAt) {
      return null;
    }
    long seq = number(tail, seqAt + SEQ_FIELD.length);
    long sentNanos = number(tail, timeAt + TIME_FIELD.length);
    return seq == MISSING || sentNanos == MISSING ? null : new Stamp(seq, sentNanos);
  }

  private static void writeDecimal(ByteBuf buf, long value) {
    buf.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
  }

  /** The (possibly negative) integer starting at {@code at}, or {@link #MISSING}. */
  private static long number(byte[] bytes, int at) {
    int i = at;
    boolean negative = i < bytes.length && bytes[i] == '-';
    if (negative) {
      i++;
    }
    long value = 0;
    int digits = 0;
    for (; i < bytes.length && digits < 19 && bytes[i] >= '0' && bytes[i] <= '9'; i++, digits++) {
      value = value * 10 + (bytes[i] - '0');
    }
    return digits == 0 ? MISSING : negative ? -value : value;
  }

  private static int lastIndexOf(byte[] bytes, byte[] needle) {
    outer:
    for (int i = bytes.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
