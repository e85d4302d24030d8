package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic NACK, RFC 4585 section 6.2.1: the receiver of {@code mediaSsrc} lost these packets.
 *
 * @param items on the wire, a packet id and a bitmask of the 16 after it
 */
public record GenericNack(int senderSsrc, int mediaSsrc, List<GenericNack.Item> items)
    implements RtcpPacket {
  static final int FORMAT = 1;
  private static final int BITMASK_SPAN = 16;

  public GenericNack {
    items = List.copyOf(items);
  }

  /** A lost packet {@code packetId} and, bit i set, a lost {@code packetId + i + 1}. */
  public record Item(int packetId, int lostBitmask) {
    public Item {
      if (packetId >>> 16 != 0 || lostBitmask >>> 16 != 0) {
        throw new IllegalArgumentException("a NACK's packet id and bitmask are 16 bits");
      }
    }
  }

  /** A NACK for {@code lost}, sequence numbers in sending order, in as few items as fit. */
  public static GenericNack of(int senderSsrc, int mediaSsrc, List<Integer> lost) {
    List<Item> items = new ArrayList<>();
    int packetId = -1;
    int bitmask = 0;
    for (int sequence : lost) {
      int after = packetId < 0 ? 0 : SequenceNumbers.delta(sequence, packetId);
      if (packetId >= 0 && after >= 1 && after <= BITMASK_SPAN) {
        bitmask |= 1 << (after - 1);
      } else {
        if (packetId >= 0) {
          items.add(new Item(packetId, bitmask));
        }
        packetId = sequence & 0xFFFF;
        bitmask = 0;
      }
    }
    if (packetId >= 0) {
      items.add(new Item(packetId, bitmask));
    }
    return new GenericNack(senderSsrc, mediaSsrc, items);
  }

  /** The lost sequence numbers, in the order the items give them. */
  public List<Integer> lostSequenceNumbers() {
    List<Integer> lost = new ArrayList<>();
    for (Item item : items) {
      lost.add(item.packetId());
      for (int bit = 0; bit < BITMASK_SPAN; bit++) {
        if ((item.lostBitmask() & (1 << bit)) != 0) {
          lost.add(SequenceNumbers.add(item.packetId(), bit + 1));
        }
      }
    }
    return lost;
  }

  static GenericNack parse(ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, 8, "a generic NACK");
    int sender = body.readInt();
    int media = body.readInt();
    List<Item> items = new ArrayList<>(body.readableBytes() / 4);
    while (body.readableBytes() >= 4) {
      items.add(new Item(body.readUnsignedShort(), body.readUnsignedShort()));
    }
    return new GenericNack(sender, media, items);
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, FORMAT, TRANSPORT_FEEDBACK);
    out.writeInt(senderSsrc);
    out.writeInt(mediaSsrc);
    for (Item item : items) {
      out.writeShort(item.packetId());
      out.writeShort(item.lostBitmask());
    }
    RtcpWire.finish(out, start);
  }
}
