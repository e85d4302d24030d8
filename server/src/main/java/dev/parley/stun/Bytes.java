package dev.parley.stun;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * An immutable run of bytes compared by content: the one value type for the byte fields of STUN
 * records (okio's {@code ByteString} plays this part in okhttp).
 *
 * <p>{@link #copyOf} owns its bytes. {@link #viewOf} does not copy: it reads the caller's bytes in
 * place, so it is valid only while the caller leaves them unchanged, and the caller decides how
 * long that is. The TURN relay decodes each datagram with {@link StunMessage#decodeView} over
 * Netty's receive buffer, and so keeps no view beyond the dispatch of that datagram.
 */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(ByteBuffer.allocate(0));
  private static final int HEX_IN_TO_STRING = 32;

  /**
   * Read-only, position 0, limit the length; never moved, so reads use absolute indexes or
   * duplicates.
   */
  private final ByteBuffer bytes;

  private Bytes(ByteBuffer bytes) {
    this.bytes = bytes.slice().asReadOnlyBuffer();
  }

  public static Bytes copyOf(byte[] bytes) {
    return new Bytes(ByteBuffer.wrap(bytes.clone()));
  }

  /** A copy of the buffer's remaining bytes; its position does not move. */
  public static Bytes copyOf(ByteBuffer buffer) {
    return new Bytes(ByteBuffer.allocate(buffer.remaining()).put(buffer.duplicate()).flip());
  }

  /**
   * The buffer's remaining bytes in place, without a copy: see the class comment for how long it is
   * valid.
   */
  public static Bytes viewOf(ByteBuffer buffer) {
    return new Bytes(buffer);
  }

  public int length() {
    return bytes.limit();
  }

  /**
   * A read-only buffer over the bytes, with its own position: writing it to a channel copies
   * nothing more.
   */
  public ByteBuffer asByteBuffer() {
    return bytes.duplicate();
  }

  public byte[] toByteArray() {
    byte[] copy = new byte[bytes.limit()];
    bytes.get(0, copy);
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && bytes.equals(other.bytes);
  }

  @Override
  public int hashCode() {
    return bytes.hashCode();
  }

  /** Hex when short (keys, hashes, tokens); only the length for a payload. */
  @Override
  public String toString() {
    return length() <= HEX_IN_TO_STRING
        ? HexFormat.of().formatHex(toByteArray())
        : length() + " bytes";
  }
}
