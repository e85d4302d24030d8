package dev.parley.sfu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The last packets of one incoming stream, for answering NACKs: a ring of pooled buffers indexed by
 * extended sequence number, each slot holding a copy of one packet as the publisher sent it (before
 * any subscriber's rewrite). A packet older than the ring's size, or one never received, is a miss.
 * Owned by the unit's thread; {@link #release} gives the buffers back.
 */
final class PacketCache {
  private final ByteBufAllocator allocator;
  private final ByteBuf[] packets;
  private final long[] sequences;
  private final int mask;

  /**
   * @param capacity a power of two: how many packets are kept
   */
  PacketCache(ByteBufAllocator allocator, int capacity) {
    if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("a packet cache holds a power of two, not " + capacity);
    }
    this.allocator = allocator;
    this.packets = new ByteBuf[capacity];
    this.sequences = new long[capacity];
    this.mask = capacity - 1;
  }

  /** Keeps a copy of {@code buffer[from, from + length)} as packet {@code sequence}. */
  void put(long sequence, ByteBuf buffer, int from, int length) {
    int slot = (int) (sequence & mask);
    ByteBuf held = packets[slot];
    if (held != null && held.capacity() < length) {
      held.release();
      held = null;
    }
    if (held == null) {
      held = allocator.heapBuffer(length);
      packets[slot] = held;
    }
    held.clear().writeBytes(buffer, from, length);
    sequences[slot] = sequence;
  }

  /** Whether packet {@code sequence} is held. */
  boolean contains(long sequence) {
    int slot = (int) (sequence & mask);
    return packets[slot] != null && sequences[slot] == sequence;
  }

  /** Packet {@code sequence} (its readable bytes, valid until the next put), or null. */
  ByteBuf get(long sequence) {
    return contains(sequence) ? packets[(int) (sequence & mask)] : null;
  }

  void release() {
    for (int i = 0; i < packets.length; i++) {
      if (packets[i] != null) {
        packets[i].release();
        packets[i] = null;
      }
    }
  }
}
