package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** SDES, RFC 3550 section 6.5: items (CNAME, NAME, ...) about each of up to 31 sources. */
public record SourceDescription(List<SourceDescription.Chunk> chunks) implements RtcpPacket {
  public static final int CNAME = 1;
  private static final int END = 0;
  private static final int MAX_VALUE = 255;

  public SourceDescription {
    chunks = List.copyOf(chunks);
    if (chunks.size() > RtcpWire.MAX_COUNT) {
      throw new IllegalArgumentException(chunks.size() + " SDES chunks, at most 31 fit");
    }
  }

  /** The items about one source. */
  public record Chunk(int ssrc, List<Item> items) {
    public Chunk {
      items = List.copyOf(items);
    }
  }

  /**
   * One item; its value is UTF-8 text (for PRIV, type 8, a prefix and a value), read-only.
   *
   * @param type 1-255: 0 ends a chunk on the wire
   */
  public record Item(int type, ByteBuffer value) {
    public Item {
      if (type < 1 || type > MAX_VALUE) {
        throw new IllegalArgumentException("SDES item type " + type + " is not 1-255");
      }
      if (value.remaining() > MAX_VALUE) {
        throw new IllegalArgumentException("an SDES item is at most 255 bytes");
      }
      value = RtcpWire.readOnly(value);
    }

    public static Item text(int type, String text) {
      return new Item(type, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    public String text() {
      return StandardCharsets.UTF_8.decode(value.duplicate()).toString();
    }
  }

  static SourceDescription parse(int count, ByteBuf body) throws RtpParseException {
    List<Chunk> chunks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      RtcpWire.need(body, 4, "an SDES chunk");
      int ssrc = body.readInt();
      List<Item> items = new ArrayList<>(1);
      while (true) {
        RtcpWire.need(body, 1, "an SDES item");
        int type = body.readUnsignedByte();
        if (type == END) {
          // Null octets up to the next 32-bit boundary end the chunk.
          body.skipBytes(Math.min(-body.readerIndex() & 3, body.readableBytes()));
          break;
        }
        RtcpWire.need(body, 1, "an SDES item's length");
        items.add(new Item(type, RtcpWire.copy(body, body.readUnsignedByte())));
      }
      chunks.add(new Chunk(ssrc, items));
    }
    return new SourceDescription(chunks);
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, chunks.size(), SOURCE_DESCRIPTION);
    for (Chunk chunk : chunks) {
      out.writeInt(chunk.ssrc());
      for (Item item : chunk.items()) {
        out.writeByte(item.type());
        out.writeByte(item.value().remaining());
        out.writeBytes(item.value().duplicate());
      }
      out.writeByte(END);
      out.writeZero(-(out.writerIndex() - start) & 3);
    }
    RtcpWire.finish(out, start);
  }
}
