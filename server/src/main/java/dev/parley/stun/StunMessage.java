package dev.parley.stun;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5): type, transaction id and attributes in wire order. Immutable.
 *
 * <p>{@link #decode} validates the whole datagram once, at the edge; afterwards every attribute is
 * a well-formed record. Attributes that follow MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 are
 * dropped as RFC 8489 §14.5–14.6 requires, except the integrity and FINGERPRINT attributes allowed
 * there, so handlers cannot act on unauthenticated data.
 */
public final class StunMessage {
  static final int HEADER_LENGTH = 20;
  static final int MAGIC_COOKIE = 0x2112A442;
  static final int MAX_LENGTH_FIELD = 0xFFFF;

  private final MessageType type;
  private final TransactionId transactionId;
  private final List<StunAttribute> attributes;

  /**
   * Per attribute, the padding bytes after its value, packed big-endian. Receivers ignore padding
   * (RFC 8489 §14), but MESSAGE-INTEGRITY covers it and RFC 5769's vectors pad with spaces, so a
   * decoded message keeps it to re-encode byte for byte. All zero for a message built here.
   */
  private final int[] padding;

  /**
   * The bytes this message was decoded from and where each kept attribute starts, or null for a
   * message built here. Integrity is checked over the bytes as received: re-encoding would zero
   * reserved bits that the sender may have set and receivers must ignore.
   */
  private final Wire received;

  /** The message's bytes from position 0 to the limit; read with absolute indexes only. */
  record Wire(ByteBuffer bytes, int[] offsets) {}

  public StunMessage(
      MessageType type, TransactionId transactionId, List<StunAttribute> attributes) {
    this(type, transactionId, List.copyOf(attributes), new int[attributes.size()], null);
  }

  StunMessage(
      MessageType type,
      TransactionId transactionId,
      List<StunAttribute> attributes,
      int[] padding,
      Wire received) {
    this.type = Objects.requireNonNull(type, "type");
    this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
    this.attributes = attributes;
    this.padding = padding;
    this.received = received;
  }

  /** Decodes a copy of the datagram, so the message stays valid whatever becomes of the array. */
  public static StunMessage decode(byte[] datagram) throws StunParseException {
    return decodeView(ByteBuffer.wrap(datagram.clone()));
  }

  /** Decodes a copy of the buffer's remaining bytes, without moving its position. */
  public static StunMessage decode(ByteBuffer datagram) throws StunParseException {
    return decodeView(ByteBuffer.allocate(datagram.remaining()).put(datagram.duplicate()).flip());
  }

  /**
   * Decodes the buffer's remaining bytes in place, without moving its position or copying them. The
   * message stays a view over them: {@link Data}'s payload and the integrity and fingerprint checks
   * read the buffer, so the message is valid only while its bytes stay unchanged. The TURN relay
   * decodes each datagram so over Netty's pooled receive buffer, and keeps neither the message nor
   * its {@code Data} beyond that datagram's dispatch. Every other attribute owns its bytes.
   */
  public static StunMessage decodeView(ByteBuffer datagram) throws StunParseException {
    return StunDecoder.decode(datagram);
  }

  static int padded(int length) {
    return (length + 3) & ~3;
  }

  /** The bytes that pad a value of this length to a multiple of 4. */
  public static int paddingLength(int length) {
    return padded(length) - length;
  }

  public byte[] encode() {
    return encodeWithOffsets().bytes().array();
  }

  private Wire encodeWithOffsets() {
    byte[][] values = new byte[attributes.size()][];
    int length = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = attributes.get(i).encodeValue(transactionId);
      if (values[i].length > MAX_LENGTH_FIELD) {
        throw new IllegalStateException(
            AttributeType.nameOf(attributes.get(i).type())
                + " value of "
                + values[i].length
                + " bytes is too long");
      }
      length += 4 + padded(values[i].length);
    }
    if (length > MAX_LENGTH_FIELD) {
      throw new IllegalStateException(
          "attributes take " + length + " bytes, more than a STUN message can carry");
    }
    ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + length);
    out.putShort((short) type.encode())
        .putShort((short) length)
        .putInt(MAGIC_COOKIE)
        .put(transactionId.toBytes());
    int[] offsets = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      offsets[i] = out.position();
      out.putShort((short) attributes.get(i).type())
          .putShort((short) values[i].length)
          .put(values[i]);
      int count = paddingLength(values[i].length);
      for (int k = count - 1; k >= 0; k--) {
        out.put((byte) (padding[i] >> 8 * k));
      }
    }
    return new Wire(out.flip(), offsets);
  }

  public MessageType type() {
    return type;
  }

  public TransactionId transactionId() {
    return transactionId;
  }

  public List<StunAttribute> attributes() {
    return attributes;
  }

  /**
   * The first attribute of this kind: receivers process only the first occurrence (RFC 8489 §14).
   */
  public <A extends StunAttribute> Optional<A> attribute(Class<A> kind) {
    return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }

  /**
   * The comprehension-required types this codec does not know, for a 420 response (RFC 8489
   * §6.3.1).
   */
  public List<Integer> unknownComprehensionRequired() {
    return attributes.stream()
        .filter(a -> a instanceof RawAttribute raw && raw.comprehensionRequired())
        .map(StunAttribute::type)
        .toList();
  }

  /**
   * Appends MESSAGE-INTEGRITY (RFC 8489 §14.5); must precede MESSAGE-INTEGRITY-SHA256 and
   * FINGERPRINT.
   */
  public StunMessage withMessageIntegrity(byte[] key) {
    requireNothingAfter(Integrity.Rank.MESSAGE_INTEGRITY);
    ByteBuffer prefix = encodeWithOffsets().bytes();
    return append(
        new MessageIntegrity(
            Integrity.hmac(
                Integrity.HMAC_SHA1, key, prefix, prefix.limit(), MessageIntegrity.LENGTH)));
  }

  /** Appends a full-length MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6); must precede FINGERPRINT. */
  public StunMessage withMessageIntegritySha256(byte[] key) {
    requireNothingAfter(Integrity.Rank.MESSAGE_INTEGRITY_SHA256);
    ByteBuffer prefix = encodeWithOffsets().bytes();
    return append(
        new MessageIntegritySha256(
            Integrity.hmac(
                Integrity.HMAC_SHA256,
                key,
                prefix,
                prefix.limit(),
                MessageIntegritySha256.MAX_LENGTH)));
  }

  /** Appends FINGERPRINT (RFC 8489 §14.7), which is always last. */
  public StunMessage withFingerprint() {
    requireNothingAfter(Integrity.Rank.FINGERPRINT);
    ByteBuffer prefix = encodeWithOffsets().bytes();
    return append(new Fingerprint(Integrity.fingerprint(prefix, prefix.limit())));
  }

  /** False when MESSAGE-INTEGRITY is absent or does not match the key (RFC 8489 §14.5). */
  public boolean hasValidMessageIntegrity(byte[] key) {
    int index = indexOf(MessageIntegrity.class);
    if (index < 0) {
      return false;
    }
    Wire wire = wire();
    byte[] expected =
        Integrity.hmac(
            Integrity.HMAC_SHA1, key, wire.bytes(), wire.offsets()[index], MessageIntegrity.LENGTH);
    return MessageDigest.isEqual(
        expected, ((MessageIntegrity) attributes.get(index)).hmac().toByteArray());
  }

  /** False when MESSAGE-INTEGRITY-SHA256 is absent or does not match the key (RFC 8489 §14.6). */
  public boolean hasValidMessageIntegritySha256(byte[] key) {
    int index = indexOf(MessageIntegritySha256.class);
    if (index < 0) {
      return false;
    }
    byte[] actual = ((MessageIntegritySha256) attributes.get(index)).hmac().toByteArray();
    Wire wire = wire();
    byte[] expected =
        Integrity.hmac(
            Integrity.HMAC_SHA256, key, wire.bytes(), wire.offsets()[index], actual.length);
    return MessageDigest.isEqual(Arrays.copyOf(expected, actual.length), actual);
  }

  /** False when FINGERPRINT is absent or wrong (RFC 8489 §14.7). */
  public boolean hasValidFingerprint() {
    int index = indexOf(Fingerprint.class);
    if (index < 0) {
      return false;
    }
    Wire wire = wire();
    return Integrity.fingerprint(wire.bytes(), wire.offsets()[index])
        == ((Fingerprint) attributes.get(index)).crc();
  }

  private Wire wire() {
    return received != null ? received : encodeWithOffsets();
  }

  private int indexOf(Class<? extends StunAttribute> kind) {
    for (int i = 0; i < attributes.size(); i++) {
      if (kind.isInstance(attributes.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private void requireNothingAfter(Integrity.Rank rank) {
    for (StunAttribute attribute : attributes) {
      if (Integrity.Rank.of(attribute).compareTo(rank) >= 0) {
        throw new IllegalStateException(
            "cannot add " + rank.type.rfcName + " after " + AttributeType.nameOf(attribute.type()));
      }
    }
  }

  private StunMessage append(StunAttribute attribute) {
    List<StunAttribute> appended = new ArrayList<>(attributes);
    appended.add(attribute);
    return new StunMessage(
        type,
        transactionId,
        List.copyOf(appended),
        Arrays.copyOf(padding, padding.length + 1),
        null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StunMessage other
        && type.equals(other.type)
        && transactionId.equals(other.transactionId)
        && attributes.equals(other.attributes)
        && Arrays.equals(padding, other.padding);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, transactionId, attributes, Arrays.hashCode(padding));
  }

  @Override
  public String toString() {
    return "StunMessage[" + type + ", " + transactionId + ", " + attributes + "]";
  }
}
