package dev.parley.stun;

import java.nio.ByteBuffer;

/**
 * NONCE (RFC 8489 §14.10): the server's nonce, echoed back by the client; a security feature prefix
 * may lead it (§9.2).
 */
public record Nonce(String value) implements StunAttribute {
  public Nonce {
    Values.utf8(AttributeType.NONCE, value);
  }

  static Nonce decode(ByteBuffer value) throws StunParseException {
    return new Nonce(Values.text(AttributeType.NONCE, value));
  }

  @Override
  public int type() {
    return AttributeType.NONCE.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    return Values.utf8(AttributeType.NONCE, value);
  }
}
