package dev.parley.stun;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The 96-bit transaction id (RFC 8489 §5), held as two primitives so the record compares by value.
 */
public record TransactionId(long high, int low) {
  static final int LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** RFC 8489 §6 asks for a cryptographically random id, which also makes responses unguessable. */
  public static TransactionId random() {
    // One draw of 12 bytes: the relay takes an id for every Data indication it sends.
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    return read(ByteBuffer.wrap(bytes), 0);
  }

  static TransactionId read(ByteBuffer buffer, int offset) {
    return new TransactionId(buffer.getLong(offset), buffer.getInt(offset + 8));
  }

  public byte[] toBytes() {
    return ByteBuffer.allocate(LENGTH).putLong(high).putInt(low).array();
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(toBytes());
  }
}
