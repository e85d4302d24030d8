package dev.parley.stun;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * PASSWORD-ALGORITHMS (RFC 8489 §14.11): the algorithms a server offers for the long-term key, in
 * order of preference, each laid out like a PASSWORD-ALGORITHM value.
 */
public record PasswordAlgorithms(List<PasswordAlgorithm> algorithms) implements StunAttribute {
  public PasswordAlgorithms {
    algorithms = List.copyOf(algorithms);
  }

  static PasswordAlgorithms decode(ByteBuffer value) throws StunParseException {
    // Each entry takes at least 4 bytes, so the loop ends and the list stays small.
    List<PasswordAlgorithm> algorithms = new ArrayList<>();
    while (value.hasRemaining()) {
      algorithms.add(PasswordAlgorithm.read(AttributeType.PASSWORD_ALGORITHMS, value));
    }
    return new PasswordAlgorithms(algorithms);
  }

  @Override
  public int type() {
    return AttributeType.PASSWORD_ALGORITHMS.code;
  }

  @Override
  public byte[] encodeValue(TransactionId transactionId) {
    ByteBuffer value =
        ByteBuffer.allocate(algorithms.stream().mapToInt(PasswordAlgorithm::encodedLength).sum());
    algorithms.forEach(algorithm -> algorithm.write(value));
    return value.array();
  }
}
