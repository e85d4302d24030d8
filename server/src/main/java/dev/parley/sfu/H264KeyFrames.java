package dev.parley.sfu;

import io.netty.buffer.ByteBuf;

/**
 * Whether an H.264 RTP payload (RFC 6184) starts a key frame: an IDR slice (NAL type 5) or the
 * sequence parameter set that precedes one (type 7), alone, in a STAP-A (type 24) or at the start
 * of an FU-A (type 28). Reads in place and allocates nothing; a malformed aggregate is no key
 * frame.
 */
final class H264KeyFrames {
  private static final int TYPE_MASK = 0x1F;
  private static final int IDR = 5;
  private static final int SPS = 7;
  private static final int STAP_A = 24;
  private static final int FU_A = 28;
  private static final int FU_START = 0x80;

  private H264KeyFrames() {}

  static boolean startsKeyFrame(ByteBuf buffer, int from, int length) {
    if (length < 1) {
      return false;
    }
    int type = buffer.getUnsignedByte(from) & TYPE_MASK;
    return switch (type) {
      case IDR, SPS -> true;
      case STAP_A -> aggregateHoldsKey(buffer, from + 1, from + length);
      case FU_A -> {
        if (length < 2) {
          yield false;
        }
        int header = buffer.getUnsignedByte(from + 1);
        int inner = header & TYPE_MASK;
        yield (header & FU_START) != 0 && (inner == IDR || inner == SPS);
      }
      default -> false;
    };
  }

  /** Section 5.7.1: NAL units, each after its 16-bit size. */
  private static boolean aggregateHoldsKey(ByteBuf buffer, int at, int end) {
    while (at + 2 < end) {
      int size = buffer.getUnsignedShort(at);
      at += 2;
      if (size == 0 || at + size > end) {
        return false;
      }
      int type = buffer.getUnsignedByte(at) & TYPE_MASK;
      if (type == IDR || type == SPS) {
        return true;
      }
      at += size;
    }
    return false;
  }
}
