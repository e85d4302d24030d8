package dev.parley.stun;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * USERHASH (RFC 8489 §14.4): SHA-256(username ":" realm), sent instead of USERNAME when the client
 * wants to hide its user name.
 */
public record UserHash(Bytes hash) implements StunAttribute {
  static final int LENGTH = 32;

  public UserHash {
    if (hash.length() != LENGTH) {
      throw new IllegalArgumentException("USERHASH is " + LENGTH + " bytes, not " + hash.length());
    }
  }

  public UserHash(byte[] hash) {
    this(Bytes.copyOf(hash));
  }

  /** The hash a server compares with: both inputs already OpaqueString-processed (§14.4). */
  public static UserHash of(String username, String realm) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return new UserHash(sha256.digest((username + ":" + realm).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  static UserHash decode(ByteBuffer value) throws StunParseException {
    Values.requireLength(AttributeType.USERHASH, value, LENGTH);
    return new UserHash(Bytes.copyOf(value));
  }

  @Override
  public int type() {
    return AttributeType.USERHASH.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return hash.toByteArray();
  }
}
