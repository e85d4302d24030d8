package dev.parley.sfu;

import dev.parley.rtp.RtpParseException;
import io.netty.buffer.ByteBuf;

/**
 * The VP8 payload descriptor at the start of an RTP payload (RFC 7741 section 4.2), read in place:
 * where the picture id and TL0PICIDX are (to rewrite them across a layer switch) and whether the
 * packet starts a key frame (section 4.3: the first packet of partition 0 with the payload header's
 * P bit clear). A reusable view: one per thread, no allocation.
 */
final class Vp8Descriptor {
  private static final int X_BIT = 0x80;
  private static final int S_BIT = 0x10;
  private static final int PID_MASK = 0x07;
  private static final int I_BIT = 0x80;
  private static final int L_BIT = 0x40;
  private static final int T_BIT = 0x20;
  private static final int K_BIT = 0x10;
  private static final int M_BIT = 0x80;

  /** The picture id's 15-bit form; the 7-bit form wraps at 128. */
  static final int LONG_PICTURE_ID_MASK = 0x7FFF;

  static final int SHORT_PICTURE_ID_MASK = 0x7F;

  private int pictureIdIndex;
  private boolean longPictureId;
  private int tl0PicIdxIndex;
  private boolean keyFrame;
  private ByteBuf buffer;

  /**
   * Reads the descriptor of the payload at {@code buffer[from, from + length)}; the indexes it
   * gives are absolute in {@code buffer}.
   */
  Vp8Descriptor parse(ByteBuf buffer, int from, int length) throws RtpParseException {
    this.buffer = null;
    int end = from + length;
    int at = from;
    int first = byteAt(buffer, at++, end);
    int picture = -1;
    boolean longPicture = false;
    int tl0 = -1;
    if ((first & X_BIT) != 0) {
      int extended = byteAt(buffer, at++, end);
      if ((extended & I_BIT) != 0) {
        picture = at;
        longPicture = (byteAt(buffer, at++, end) & M_BIT) != 0;
        if (longPicture) {
          byteAt(buffer, at++, end);
        }
      }
      if ((extended & L_BIT) != 0) {
        tl0 = at;
        byteAt(buffer, at++, end);
      }
      if ((extended & (T_BIT | K_BIT)) != 0) {
        byteAt(buffer, at++, end);
      }
    }
    boolean startOfFrame = (first & S_BIT) != 0 && (first & PID_MASK) == 0;
    // Section 4.3: the payload header's first byte, bit 0 (P) is 0 in a key frame.
    boolean key = startOfFrame && at < end && (buffer.getUnsignedByte(at) & 0x01) == 0;
    if (startOfFrame && at >= end) {
      throw new RtpParseException("a VP8 payload that starts a frame has no payload header");
    }
    this.buffer = buffer;
    this.pictureIdIndex = picture;
    this.longPictureId = longPicture;
    this.tl0PicIdxIndex = tl0;
    this.keyFrame = key;
    return this;
  }

  private static int byteAt(ByteBuf buffer, int at, int end) throws RtpParseException {
    if (at >= end) {
      throw new RtpParseException("the VP8 payload descriptor is cut off");
    }
    return buffer.getUnsignedByte(at);
  }

  boolean keyFrame() {
    return keyFrame;
  }

  boolean hasPictureId() {
    return pictureIdIndex >= 0;
  }

  /** 15 or 7 bits, or -1 if the descriptor has none. */
  int pictureId() {
    if (pictureIdIndex < 0) {
      return -1;
    }
    return longPictureId
        ? buffer.getUnsignedShort(pictureIdIndex) & LONG_PICTURE_ID_MASK
        : buffer.getUnsignedByte(pictureIdIndex) & SHORT_PICTURE_ID_MASK;
  }

  /** Writes the low bits of {@code pictureId} that the descriptor's form holds. */
  void setPictureId(int pictureId) {
    if (pictureIdIndex < 0) {
      return;
    }
    if (longPictureId) {
      buffer.setShort(pictureIdIndex, M_BIT << 8 | (pictureId & LONG_PICTURE_ID_MASK));
    } else {
      buffer.setByte(pictureIdIndex, pictureId & SHORT_PICTURE_ID_MASK);
    }
  }

  int pictureIdMask() {
    return longPictureId ? LONG_PICTURE_ID_MASK : SHORT_PICTURE_ID_MASK;
  }

  /** 8 bits, or -1 if the descriptor has none. */
  int tl0PicIdx() {
    return tl0PicIdxIndex < 0 ? -1 : buffer.getUnsignedByte(tl0PicIdxIndex);
  }

  void setTl0PicIdx(int tl0PicIdx) {
    if (tl0PicIdxIndex >= 0) {
      buffer.setByte(tl0PicIdxIndex, tl0PicIdx);
    }
  }
}
