package dev.parley.sfu;

/**
 * Keeps one subscription's VP8 picture ids and TL0PICIDX (RFC 7741 section 4.2) running on across
 * layer switches, as {@link dev.parley.rtp.StreamRewriter} does for sequence numbers: each layer
 * numbers its pictures on its own, so at a switch the new layer is offset to continue one past the
 * last picture sent, and every packet of a picture keeps that picture's number.
 */
final class Vp8Continuity {
  private static final int PICTURE_ID_SPACE = Vp8Descriptor.LONG_PICTURE_ID_MASK + 1;
  private static final int TL0_SPACE = 256;

  private int pictureIdOffset;
  private int tl0Offset;
  private int lastPictureId = -1;
  private int lastTl0 = -1;
  private boolean rebase = true;

  /** The next packet is the first of a new layer (its key frame). */
  void rebase() {
    rebase = true;
  }

  void rewrite(Vp8Descriptor descriptor) {
    if (descriptor.hasPictureId()) {
      int in = descriptor.pictureId();
      if (rebase) {
        pictureIdOffset = lastPictureId < 0 ? 0 : lastPictureId + 1 - in;
      }
      int out = Math.floorMod(in + pictureIdOffset, PICTURE_ID_SPACE);
      descriptor.setPictureId(out);
      lastPictureId = newer(out, lastPictureId, PICTURE_ID_SPACE) ? out : lastPictureId;
    }
    int tl0 = descriptor.tl0PicIdx();
    if (tl0 >= 0) {
      if (rebase) {
        tl0Offset = lastTl0 < 0 ? 0 : lastTl0 + 1 - tl0;
      }
      int out = Math.floorMod(tl0 + tl0Offset, TL0_SPACE);
      descriptor.setTl0PicIdx(out);
      lastTl0 = newer(out, lastTl0, TL0_SPACE) ? out : lastTl0;
    }
    rebase = false;
  }

  /** Whether {@code a} is ahead of {@code b} (or {@code b} is unset), the short way round. */
  private static boolean newer(int a, int b, int space) {
    return b < 0 || Math.floorMod(a - b, space) < space / 2;
  }
}
