package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Transport-wide congestion control feedback, draft-holmer-rmcat-transport-wide-cc-extensions-01
 * section 3.1 (RTPFB format 15): for {@code packetStatusCount} transport sequence numbers from
 * {@code baseSequence}, whether each arrived and when, as the wire has it: status chunks, then one
 * receive delta per packet received.
 *
 * @param referenceTime 24 bits, signed, in multiples of 64 ms
 * @param feedbackCount 8 bits, one more for each feedback sent, to detect lost feedback
 * @param deltas in 250 µs units: 0 to 255 for a packet of symbol {@link #SMALL_DELTA}, -32768 to
 *     32767 for {@link #LARGE_DELTA}
 */
public record TransportFeedback(
    int senderSsrc,
    int mediaSsrc,
    int baseSequence,
    int packetStatusCount,
    int referenceTime,
    int feedbackCount,
    List<TransportFeedback.Chunk> chunks,
    List<Integer> deltas)
    implements RtcpPacket {
  static final int FORMAT = 15;
  public static final int NOT_RECEIVED = 0;
  public static final int SMALL_DELTA = 1;
  public static final int LARGE_DELTA = 2;
  private static final int MAX_REFERENCE_TIME = (1 << 23) - 1;

  public TransportFeedback {
    chunks = List.copyOf(chunks);
    deltas = List.copyOf(deltas);
    if (baseSequence >>> 16 != 0 || packetStatusCount >>> 16 != 0 || feedbackCount >>> 8 != 0) {
      throw new IllegalArgumentException(
          "base sequence and status count are 16 bits, the feedback count 8");
    }
    if (referenceTime > MAX_REFERENCE_TIME || referenceTime < -MAX_REFERENCE_TIME - 1) {
      throw new IllegalArgumentException("reference time " + referenceTime + " is not 24 bits");
    }
    int covered = 0;
    int received = 0;
    for (Chunk chunk : chunks) {
      if (covered >= packetStatusCount) {
        throw new IllegalArgumentException("more status chunks than the status count needs");
      }
      for (int i = 0; i < chunk.capacity() && covered < packetStatusCount; i++, covered++) {
        int symbol = chunk.symbol(i);
        if (symbol != NOT_RECEIVED) {
          if (received >= deltas.size()) {
            throw new IllegalArgumentException("fewer receive deltas than packets received");
          }
          int delta = deltas.get(received++);
          boolean fits =
              symbol == SMALL_DELTA
                  ? delta >= 0 && delta <= 0xFF
                  : delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE;
          if (!fits) {
            throw new IllegalArgumentException("delta " + delta + " does not fit symbol " + symbol);
          }
        }
      }
    }
    if (covered < packetStatusCount) {
      throw new IllegalArgumentException(
          "chunks cover " + covered + " of " + packetStatusCount + " packets");
    }
    if (received != deltas.size()) {
      throw new IllegalArgumentException("more receive deltas than packets received");
    }
  }

  /** Packet status chunk, section 3.1.1: the symbols of consecutive packets. */
  public sealed interface Chunk {
    /** How many packets the chunk describes (the last chunk may describe more than are left). */
    int capacity();

    int symbol(int index);
  }

  /** Section 3.1.3: {@code runLength} packets of one symbol. */
  public record RunLength(int symbol, int runLength) implements Chunk {
    public RunLength {
      checkSymbol(symbol);
      if (runLength >>> 13 != 0) {
        throw new IllegalArgumentException("a run length is 13 bits");
      }
    }

    @Override
    public int capacity() {
      return runLength;
    }

    @Override
    public int symbol(int index) {
      return symbol;
    }
  }

  /**
   * Section 3.1.4: 14 one-bit symbols (not received, small delta) or 7 two-bit symbols.
   *
   * @param twoBit the symbol size
   */
  public record StatusVector(boolean twoBit, List<Integer> symbols) implements Chunk {
    public StatusVector {
      symbols = List.copyOf(symbols);
      if (symbols.size() != (twoBit ? 7 : 14)) {
        throw new IllegalArgumentException("a status vector holds 14 one-bit or 7 two-bit symbols");
      }
      for (int symbol : symbols) {
        checkSymbol(symbol);
        if (!twoBit && symbol == LARGE_DELTA) {
          throw new IllegalArgumentException("a one-bit symbol is not received or small delta");
        }
      }
    }

    @Override
    public int capacity() {
      return symbols.size();
    }

    @Override
    public int symbol(int index) {
      return symbols.get(index);
    }
  }

  /** Symbol 3 is reserved (section 3.1.1); libwebrtc refuses it too. */
  private static void checkSymbol(int symbol) {
    if (symbol < NOT_RECEIVED || symbol > LARGE_DELTA) {
      throw new IllegalArgumentException("packet status symbol " + symbol + " is reserved");
    }
  }

  static TransportFeedback parse(ByteBuf body) throws RtpParseException {
    RtcpWire.need(body, 16, "a transport-cc feedback");
    int sender = body.readInt();
    int media = body.readInt();
    int base = body.readUnsignedShort();
    int count = body.readUnsignedShort();
    int reference = body.readMedium();
    int feedbackCount = body.readUnsignedByte();
    List<Chunk> chunks = new ArrayList<>();
    int covered = 0;
    while (covered < count) {
      RtcpWire.need(body, 2, "a packet status chunk");
      Chunk chunk = readChunk(body.readUnsignedShort());
      chunks.add(chunk);
      covered += chunk.capacity();
    }
    List<Integer> deltas = new ArrayList<>();
    int left = count;
    for (Chunk chunk : chunks) {
      int described = Math.min(chunk.capacity(), left);
      left -= described;
      if (chunk instanceof RunLength run && run.symbol() == NOT_RECEIVED) {
        continue;
      }
      for (int i = 0; i < described; i++) {
        switch (chunk.symbol(i)) {
          case SMALL_DELTA -> {
            RtcpWire.need(body, 1, "a small receive delta");
            deltas.add((int) body.readUnsignedByte());
          }
          case LARGE_DELTA -> {
            RtcpWire.need(body, 2, "a large receive delta");
            deltas.add((int) body.readShort());
          }
          default -> {}
        }
      }
    }
    return new TransportFeedback(
        sender, media, base, count, reference, feedbackCount, chunks, deltas);
  }

  private static Chunk readChunk(int bits) {
    if ((bits & 0x8000) == 0) {
      return new RunLength((bits >> 13) & 0x03, bits & 0x1FFF);
    }
    boolean twoBit = (bits & 0x4000) != 0;
    int size = twoBit ? 2 : 1;
    int capacity = twoBit ? 7 : 14;
    List<Integer> symbols = new ArrayList<>(capacity);
    for (int i = capacity - 1; i >= 0; i--) {
      symbols.add((bits >> (i * size)) & (twoBit ? 0x03 : 0x01));
    }
    return new StatusVector(twoBit, symbols);
  }

  @Override
  public void write(ByteBuf out) {
    int start = RtcpWire.begin(out, FORMAT, TRANSPORT_FEEDBACK);
    out.writeInt(senderSsrc);
    out.writeInt(mediaSsrc);
    out.writeShort(baseSequence);
    out.writeShort(packetStatusCount);
    out.writeMedium(referenceTime);
    out.writeByte(feedbackCount);
    for (Chunk chunk : chunks) {
      out.writeShort(chunkBits(chunk));
    }
    int received = 0;
    int left = packetStatusCount;
    for (Chunk chunk : chunks) {
      int described = Math.min(chunk.capacity(), left);
      left -= described;
      for (int i = 0; i < described; i++) {
        switch (chunk.symbol(i)) {
          case SMALL_DELTA -> out.writeByte(deltas.get(received++));
          case LARGE_DELTA -> out.writeShort(deltas.get(received++));
          default -> {}
        }
      }
    }
    RtcpWire.finish(out, start);
  }

  private static int chunkBits(Chunk chunk) {
    return switch (chunk) {
      case RunLength run -> run.symbol() << 13 | run.runLength();
      case StatusVector vector -> {
        int size = vector.twoBit() ? 2 : 1;
        int bits = vector.twoBit() ? 0xC000 : 0x8000;
        for (int i = 0; i < vector.capacity(); i++) {
          bits |= vector.symbol(i) << ((vector.capacity() - 1 - i) * size);
        }
        yield bits;
      }
    };
  }
}
