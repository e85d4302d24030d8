package dev.parley.turn;

import dev.parley.stun.StreamFraming;
import dev.parley.stun.StunParseException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a TCP stream into STUN messages and ChannelData frames (RFC 8656 §12.5). A stream that is
 * neither cannot be resynchronised, so the connection is closed. Each frame is a retained slice of
 * the stream's buffer, not a copy: {@link TcpHandler} releases it once the frame is dispatched.
 */
final class StreamFramer extends ByteToMessageDecoder {
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int length;
      try {
        length =
            StreamFraming.nextFrameLength(
                in.nioBuffer(in.readerIndex(), Math.min(in.readableBytes(), 4)));
      } catch (StunParseException e) {
        in.skipBytes(in.readableBytes());
        ctx.close();
        return;
      }
      if (in.readableBytes() < length) {
        return;
      }
      out.add(in.readRetainedSlice(length));
    }
  }
}
