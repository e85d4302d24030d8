package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * PASSWORD-ALGORITHM (RFC 8489 §14.12): the algorithm the client chose for the long-term key, with
 * its parameters padded to 4 bytes inside the value. Also the element of {@link
 * PasswordAlgorithms}.
 */
public record PasswordAlgorithm(int algorithm, Bytes parameters) implements StunAttribute {
  /** Algorithm numbers of RFC 8489 §18.5; neither takes parameters. */
  public static final int MD5 = 0x0001;

  public static final int SHA256 = 0x0002;

  public PasswordAlgorithm {
    Values.requireUnsigned(AttributeType.PASSWORD_ALGORITHM, algorithm, 16);
    if (parameters.length() > 0xFFFF) {
      throw new IllegalArgumentException("PASSWORD-ALGORITHM parameters exceed 65535 bytes");
    }
  }

  public PasswordAlgorithm(int algorithm, byte[] parameters) {
    this(algorithm, Bytes.copyOf(parameters));
  }

  public PasswordAlgorithm(int algorithm) {
    this(algorithm, Bytes.EMPTY);
  }

  static PasswordAlgorithm decode(ByteBuffer value) throws StunParseException {
    PasswordAlgorithm algorithm = read(AttributeType.PASSWORD_ALGORITHM, value);
    if (value.hasRemaining()) {
      throw new StunParseException(
          "PASSWORD-ALGORITHM: " + value.remaining() + " bytes follow the padded parameters");
    }
    return algorithm;
  }

  /** Reads one algorithm, number, length, parameters and padding, advancing the buffer. */
  static PasswordAlgorithm read(AttributeType type, ByteBuffer value) throws StunParseException {
    if (value.remaining() < 4) {
      throw new StunParseException(
          type.rfcName + ": " + value.remaining() + " bytes left, an algorithm needs 4");
    }
    int algorithm = value.getShort() & 0xFFFF;
    int length = value.getShort() & 0xFFFF;
    int padded = StunMessage.padded(length);
    if (padded > value.remaining()) {
      throw new StunParseException(
          type.rfcName
              + ": parameters of "
              + length
              + " bytes overrun the "
              + value.remaining()
              + " left");
    }
    Bytes parameters = Bytes.copyOf(value.slice(value.position(), length));
    value.position(value.position() + padded);
    return new PasswordAlgorithm(algorithm, parameters);
  }

  void write(ByteBuffer out) {
    out.putShort((short) algorithm)
        .putShort((short) parameters.length())
        .put(parameters.asByteBuffer());
    out.position(out.position() + StunMessage.padded(parameters.length()) - parameters.length());
  }

  int encodedLength() {
    return 4 + StunMessage.padded(parameters.length());
  }

  @Override
  public int type() {
    return AttributeType.PASSWORD_ALGORITHM.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    ByteBuffer value = ByteBuffer.allocate(encodedLength());
    write(value);
    return value.array();
  }
}
