package dev.parley.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The reliable-delivery numbers a client may put on a {@code signal} (docs/protocol.md
 * "Exactly-once delivery"), relayed to the receiver unchanged: the server routes them, it does not
 * act on them. Each is -1 when absent; {@link #NONE} is a signal without any (an older client).
 *
 * @param seq the sender's number for this signal, counted per receiver from 1
 * @param ack the highest {@code seq} the sender has received, without a gap, from the receiver
 * @param resend like {@code ack}, and asks the receiver to send again everything after it
 */
public record Sequence(long seq, long ack, long resend) {
  /** The largest number a JavaScript client can count to exactly (2^53 - 1). */
  public static final long MAX = (1L << 53) - 1;

  public static final Sequence NONE = new Sequence(-1, -1, -1);

  private static final byte[] EMPTY = new byte[0];
  private static final byte[] SEQ = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACK = ",\"ack\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESEND = ",\"resend\":".getBytes(StandardCharsets.US_ASCII);

  public Sequence {
    if (seq < -1 || ack < -1 || resend < -1 || seq > MAX || ack > MAX || resend > MAX) {
      throw new IllegalArgumentException("sequence numbers run from 0 to 2^53-1, or -1 for none");
    }
  }

  public boolean isNone() {
    return seq < 0 && ack < 0 && resend < 0;
  }

  /**
   * The numbers as the members that follow {@code data} in a relayed signal, e.g. {@code
   * ,"seq":7,"ack":3}; nothing for {@link #NONE}. The cluster wire carries the same bytes.
   */
  public byte[] tail() {
    if (isNone()) {
      return EMPTY;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(32);
    member(out, SEQ, seq);
    member(out, ACK, ack);
    member(out, RESEND, resend);
    return out.toByteArray();
  }

  private static void member(ByteArrayOutputStream out, byte[] name, long value) {
    if (value >= 0) {
      out.writeBytes(name);
      out.writeBytes(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }
  }

  /**
   * Reads a {@link #tail()} back from {@code bytes[from, to)}, or returns {@code null} when the
   * bytes are not one (each member at most once, in the order {@code tail()} writes them).
   */
  public static Sequence fromTail(byte[] bytes, int from, int to) {
    long[] values = {-1, -1, -1};
    byte[][] names = {SEQ, ACK, RESEND};
    int at = from;
    for (int i = 0; i < names.length && at < to; i++) {
      if (!startsWith(bytes, at, to, names[i])) {
        continue;
      }
      at += names[i].length;
      int digits = at;
      long value = 0;
      while (at < to && bytes[at] >= '0' && bytes[at] <= '9' && at - digits < 16) {
        value = value * 10 + (bytes[at++] - '0');
      }
      if (at == digits || (bytes[digits] == '0' && at - digits > 1) || value > MAX) {
        return null;
      }
      values[i] = value;
    }
    return at == to ? new Sequence(values[0], values[1], values[2]) : null;
  }

  private static boolean startsWith(byte[] bytes, int at, int to, byte[] prefix) {
    if (to - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
