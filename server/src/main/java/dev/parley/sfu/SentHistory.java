package dev.parley.sfu;

/**
 * What one subscription sent under each of its recent sequence numbers, so that a NACK, which names
 * the subscriber's rewritten numbers, finds the source packet: its layer, its extended number in
 * that layer's stream and the timestamp it went out with. A ring; a lookup fills the {@code found*}
 * fields rather than allocating a result.
 */
final class SentHistory {
  /** Twice the packet cache: whatever the cache still holds, the history still maps. */
  static final int CAPACITY = 1024;

  private static final int VALID = 1 << 16;

  private final int[] keys = new int[CAPACITY];
  private final byte[] layers = new byte[CAPACITY];
  private final long[] sources = new long[CAPACITY];
  private final int[] timestamps = new int[CAPACITY];

  int foundLayer;
  long foundSource;
  long foundTimestamp;

  void record(int sequence, int layer, long sourceSequence, long timestamp) {
    int slot = sequence & (CAPACITY - 1);
    keys[slot] = VALID | sequence;
    layers[slot] = (byte) layer;
    sources[slot] = sourceSequence;
    timestamps[slot] = (int) timestamp;
  }

  /** Whether {@code sequence} was sent recently; if so, the {@code found*} fields say what. */
  boolean find(int sequence) {
    int slot = sequence & (CAPACITY - 1);
    if (keys[slot] != (VALID | sequence)) {
      return false;
    }
    foundLayer = layers[slot];
    foundSource = sources[slot];
    foundTimestamp = timestamps[slot] & 0xFFFF_FFFFL;
    return true;
  }
}
