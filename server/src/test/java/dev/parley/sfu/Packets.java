package dev.parley.sfu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;

/** RTP packets as browsers send them, built byte by byte for the tests. */
final class Packets {
  static final int AUDIO_LEVEL_ID = 1;
  static final int ABS_SEND_TIME_ID = 2;
  static final int TRANSPORT_CC_ID = 3;
  static final int MID_ID = 4;
  static final int RID_ID = 5;
  static final int REPAIRED_RID_ID = 6;

  /** Chrome's ids, used by the tests' publishers. */
  static final HeaderExtensions CHROME =
      new HeaderExtensions(
          ABS_SEND_TIME_ID, TRANSPORT_CC_ID, AUDIO_LEVEL_ID, MID_ID, RID_ID, REPAIRED_RID_ID);

  private Packets() {}

  /** A builder of one packet; {@link #build} gives its bytes in a fresh buffer. */
  static final class Rtp {
    private int payloadType = 111;
    private int sequence;
    private long timestamp;
    private int ssrc;
    private boolean marker;
    private final ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    private byte[] payload = {1, 2, 3, 4};

    Rtp payloadType(int payloadType) {
      this.payloadType = payloadType;
      return this;
    }

    Rtp sequence(int sequence) {
      this.sequence = sequence;
      return this;
    }

    Rtp timestamp(long timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    Rtp ssrc(int ssrc) {
      this.ssrc = ssrc;
      return this;
    }

    Rtp marker() {
      this.marker = true;
      return this;
    }

    Rtp payload(byte... payload) {
      this.payload = payload.clone();
      return this;
    }

    /** A one-byte header extension element (RFC 8285 section 4.2). */
    Rtp extension(int id, byte... value) {
      extensions.write(id << 4 | (value.length - 1));
      extensions.writeBytes(value);
      return this;
    }

    Rtp audioLevel(int dBov) {
      return extension(AUDIO_LEVEL_ID, (byte) (0x80 | dBov));
    }

    Rtp transportCc(int sequence) {
      return extension(TRANSPORT_CC_ID, (byte) (sequence >> 8), (byte) sequence);
    }

    Rtp text(int id, String value) {
      return extension(id, value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    ByteBuf build() {
      ByteBuf out = Unpooled.buffer();
      byte[] elements = extensions.toByteArray();
      boolean hasExtensions = elements.length > 0;
      out.writeByte(0x80 | (hasExtensions ? 0x10 : 0));
      out.writeByte((marker ? 0x80 : 0) | payloadType);
      out.writeShort(sequence);
      out.writeInt((int) timestamp);
      out.writeInt(ssrc);
      if (hasExtensions) {
        int words = (elements.length + 3) / 4;
        out.writeShort(0xBEDE);
        out.writeShort(words);
        out.writeBytes(elements);
        out.writeZero(words * 4 - elements.length);
      }
      out.writeBytes(payload);
      return out;
    }
  }

  static Rtp rtp() {
    return new Rtp();
  }

  /**
   * A VP8 payload (RFC 7741): the descriptor with a 15-bit picture id and TL0PICIDX, starting
   * partition 0, then a payload header whose P bit says key frame or not, then frame bytes.
   */
  static byte[] vp8(boolean keyFrame, int pictureId) {
    return new byte[] {
      (byte) 0x90, // X, S, PID 0
      (byte) 0xC0, // I, L
      (byte) (0x80 | pictureId >> 8),
      (byte) pictureId,
      7, // TL0PICIDX
      (byte) (keyFrame ? 0x10 : 0x11),
      0x02,
      0x00,
      (byte) 0x9d,
      0x01,
      0x2a
    };
  }

  /** A VP8 packet that continues a frame (S clear): never a key frame. */
  static byte[] vp8Continuation(int pictureId) {
    return new byte[] {
      (byte) 0x80, (byte) 0x80, (byte) (0x80 | pictureId >> 8), (byte) pictureId, 5
    };
  }

  static byte[] bytes(ByteBuf buffer) {
    byte[] bytes = new byte[buffer.readableBytes()];
    buffer.getBytes(buffer.readerIndex(), bytes);
    return bytes;
  }
}
