package dev.parley.sfu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gaps in one incoming stream that the unit asks its publisher to fill (generic NACK, RFC
 * 4585): bounded (a gap longer than the table is lost, and better answered by a key frame), each
 * sequence number asked for at most {@link #MAX_ASKS} times, an RTT-ish {@link #RETRY_NANOS} apart,
 * and forgotten once it arrives or grows too old for a subscriber to still want it.
 */
final class MissingPackets {
  static final int CAPACITY = 64;
  static final int MAX_ASKS = 3;

  /** Reordering within a few milliseconds is not loss. */
  static final long REORDER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long[] sequences = new long[CAPACITY];
  private final long[] since = new long[CAPACITY];
  private final long[] lastAsked = new long[CAPACITY];
  private final int[] asks = new int[CAPACITY];
  private int count;

  /**
   * Notes a packet with extended number {@code sequence} when the highest before it was {@code
   * highest} (-1 for the first packet).
   */
  void received(long sequence, long highest, long nowNanos) {
    if (highest < 0) {
      return;
    }
    if (sequence <= highest) {
      remove(sequence);
      return;
    }
    long gap = sequence - highest - 1;
    if (gap > CAPACITY) {
      count = 0;
      return;
    }
    for (long missing = highest + 1; missing < sequence; missing++) {
      if (count == CAPACITY) {
        removeAt(0);
      }
      sequences[count] = missing;
      since[count] = nowNanos;
      lastAsked[count] = Long.MIN_VALUE;
      asks[count] = 0;
      count++;
    }
  }

  /** The 16-bit sequence numbers to NACK now, each counted as asked; empty if none is due. */
  List<Integer> due(long nowNanos) {
    List<Integer> due = List.of();
    for (int i = 0; i < count; ) {
      if (asks[i] >= MAX_ASKS || nowNanos - since[i] > MAX_AGE_NANOS) {
        removeAt(i);
        continue;
      }
      boolean first = asks[i] == 0 && nowNanos - since[i] >= REORDER_NANOS;
      boolean retry = asks[i] > 0 && nowNanos - lastAsked[i] >= RETRY_NANOS;
      if (first || retry) {
        if (due.isEmpty()) {
          due = new ArrayList<>();
        }
        due.add((int) (sequences[i] & 0xFFFF));
        asks[i]++;
        lastAsked[i] = nowNanos;
      }
      i++;
    }
    return due;
  }

  int size() {
    return count;
  }

  private void remove(long sequence) {
    for (int i = 0; i < count; i++) {
      if (sequences[i] == sequence) {
        removeAt(i);
        return;
      }
    }
  }

  private void removeAt(int index) {
    int after = count - index - 1;
    System.arraycopy(sequences, index + 1, sequences, index, after);
    System.arraycopy(since, index + 1, since, index, after);
    System.arraycopy(lastAsked, index + 1, lastAsked, index, after);
    System.arraycopy(asks, index + 1, asks, index, after);
    count--;
  }
}
