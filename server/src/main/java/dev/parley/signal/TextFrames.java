package dev.parley.signal;

import dev.parley.protocol.ServerCodec;
import dev.parley.protocol.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Server messages as whole WebSocket text frames (RFC 6455 §5.2), header and JSON in one buffer
 * that the channel writes as it is. Netty's frame encoder would allocate a second buffer for every
 * frame and copy the JSON into it behind the header; here the JSON is encoded after room left for
 * the longest header, which is then written in front of it. A server's frames are never masked, and
 * Parley's are never fragmented or compressed.
 */
final class TextFrames {
  /** FIN set, opcode 1 (text). */
  private static final int FIN_TEXT = 0x81;

  /** The longest header: 2 bytes, and 8 of extended payload length. */
  private static final int MAX_HEADER = 10;

  private TextFrames() {}

  static ByteBuf encode(ServerMessage message, ByteBufAllocator alloc) {
    ByteBuf frame = ServerCodec.encode(message, alloc, MAX_HEADER);
    int length = frame.readableBytes();
    int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : MAX_HEADER;
    int start = frame.readerIndex() - header;
    frame.setByte(start, FIN_TEXT);
    if (header == 2) {
      frame.setByte(start + 1, length);
    } else if (header == 4) {
      frame.setByte(start + 1, 126).setShort(start + 2, length);
    } else {
      frame.setByte(start + 1, 127).setLong(start + 2, length);
    }
    return frame.readerIndex(start);
  }
}
