package dev.parley.stun;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a datagram into a {@link StunMessage}: the checks of RFC 8489 §6.3 on the header, every
 * attribute's bounds and the order rules for integrity and FINGERPRINT (§14.5–14.7), once, at the
 * edge.
 */
final class StunDecoder {
  private StunDecoder() {}

  static StunMessage decode(ByteBuffer datagram) throws StunParseException {
    ByteBuffer buffer = datagram.slice();
    int size = buffer.limit();
    MessageType type = decodeHeader(buffer);
    TransactionId transactionId = TransactionId.read(buffer, 8);
    List<StunAttribute> attributes = new ArrayList<>();
    List<Integer> padding = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    Stage stage = Stage.OPEN;
    int offset = StunMessage.HEADER_LENGTH;
    // Both offset and the length are multiples of 4, so 4 header bytes remain whenever offset <
    // length.
    while (offset < size) {
      int attributeType = buffer.getShort(offset) & 0xFFFF;
      int valueLength = buffer.getShort(offset + 2) & 0xFFFF;
      int left = size - offset - 4;
      if (StunMessage.padded(valueLength) > left) {
        throw new StunParseException(
            String.format(
                "%s at offset %d: a value of %d bytes (%d with padding) overruns the %d bytes left",
                AttributeType.nameOf(attributeType),
                offset,
                valueLength,
                StunMessage.padded(valueLength),
                left));
      }
      if (stage == Stage.AFTER_FINGERPRINT) {
        throw new StunParseException(
            AttributeType.nameOf(attributeType)
                + " follows FINGERPRINT, which must be the last attribute");
      }
      if (stage.accepts(attributeType)) {
        attributes.add(
            decodeAttribute(attributeType, buffer.slice(offset + 4, valueLength), transactionId));
        padding.add(
            readPadding(buffer, offset + 4 + valueLength, StunMessage.paddingLength(valueLength)));
        offsets.add(offset);
        stage = stage.after(attributeType);
      }
      offset += 4 + StunMessage.padded(valueLength);
    }
    int[] offsetArray = offsets.stream().mapToInt(Integer::intValue).toArray();
    return new StunMessage(
        type,
        transactionId,
        List.copyOf(attributes),
        padding.stream().mapToInt(Integer::intValue).toArray(),
        new StunMessage.Wire(buffer, offsetArray));
  }

  /** The checks of RFC 8489 §6.3 that need only the header and the datagram's size. */
  private static MessageType decodeHeader(ByteBuffer buffer) throws StunParseException {
    int size = buffer.limit();
    if (size < StunMessage.HEADER_LENGTH) {
      throw new StunParseException("a STUN message needs a 20-byte header, got " + size + " bytes");
    }
    int typeField = buffer.getShort(0) & 0xFFFF;
    if ((typeField & 0xC000) != 0) {
      throw new StunParseException("the first two bits of a STUN message must be zero");
    }
    int cookie = buffer.getInt(4);
    if (cookie != StunMessage.MAGIC_COOKIE) {
      throw new StunParseException(String.format("magic cookie is 0x%08x, not 0x2112a442", cookie));
    }
    int length = buffer.getShort(2) & 0xFFFF;
    if (length % 4 != 0) {
      throw new StunParseException("message length " + length + " is not a multiple of 4");
    }
    if (length != size - StunMessage.HEADER_LENGTH) {
      throw new StunParseException(
          "message length "
              + length
              + " does not match the "
              + (size - StunMessage.HEADER_LENGTH)
              + " bytes after the header");
    }
    return MessageType.decode(typeField);
  }

  private static StunAttribute decodeAttribute(
      int type, ByteBuffer value, TransactionId transactionId) throws StunParseException {
    AttributeType known = AttributeType.of(type);
    return known != null
        ? known.decoder.decode(value, transactionId)
        : new RawAttribute(type, Bytes.copyOf(value));
  }

  private static int readPadding(ByteBuffer buffer, int offset, int count) {
    int padding = 0;
    for (int i = 0; i < count; i++) {
      padding = padding << 8 | buffer.get(offset + i) & 0xFF;
    }
    return padding;
  }

  /**
   * Which attributes a receiver still processes, given those it has seen (RFC 8489 §9, §14.5–14.7).
   */
  private enum Stage {
    OPEN,
    AFTER_INTEGRITY,
    AFTER_INTEGRITY_SHA256,
    AFTER_FINGERPRINT;

    boolean accepts(int type) {
      return switch (this) {
        case OPEN -> true;
        case AFTER_INTEGRITY ->
            type == AttributeType.MESSAGE_INTEGRITY_SHA256.code
                || type == AttributeType.FINGERPRINT.code;
        case AFTER_INTEGRITY_SHA256 -> type == AttributeType.FINGERPRINT.code;
        case AFTER_FINGERPRINT -> false;
      };
    }

    Stage after(int type) {
      if (type == AttributeType.MESSAGE_INTEGRITY.code) {
        return AFTER_INTEGRITY;
      } else if (type == AttributeType.MESSAGE_INTEGRITY_SHA256.code) {
        return AFTER_INTEGRITY_SHA256;
      } else if (type == AttributeType.FINGERPRINT.code) {
        return AFTER_FINGERPRINT;
      }
      return this;
    }
  }
}
