package dev.parley.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A Data indication (RFC 8656 §11.4) written around its payload instead of built as a {@link
 * StunMessage}: the relay sends one for every datagram a peer sends without a channel, and this way
 * copies the payload once, straight from the buffer it arrived in. The bytes are those of the
 * equivalent message, as the tests check.
 */
public final class DataIndication {
  private static final MessageType TYPE = new MessageType(Method.DATA, MessageClass.INDICATION);

  private DataIndication() {}

  /**
   * The message up to its payload: the header, XOR-PEER-ADDRESS, and the type and length of DATA.
   * The payload follows, then {@link StunMessage#paddingLength} zero bytes.
   */
  public static byte[] prefix(
      TransactionId transactionId, InetSocketAddress peer, int payloadLength) {
    byte[] address = new XorPeerAddress(peer).encodeValue(transactionId);
    // An address value is 8 or 20 bytes: a multiple of 4, so no padding follows it.
    int prefixLength = StunMessage.HEADER_LENGTH + 4 + address.length + 4;
    int messageLength =
        prefixLength - StunMessage.HEADER_LENGTH + StunMessage.padded(payloadLength);
    if (messageLength > StunMessage.MAX_LENGTH_FIELD) {
      throw new IllegalArgumentException(
          payloadLength + " bytes of data do not fit in a Data indication");
    }
    return ByteBuffer.allocate(prefixLength)
        .putShort((short) TYPE.encode())
        .putShort((short) messageLength)
        .putInt(StunMessage.MAGIC_COOKIE)
        .put(transactionId.toBytes())
        .putShort((short) AttributeType.XOR_PEER_ADDRESS.code)
        .putShort((short) address.length)
        .put(address)
        .putShort((short) AttributeType.DATA.code)
        .putShort((short) payloadLength)
        .array();
  }
}
