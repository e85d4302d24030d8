package dev.parley.rtp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A view of one RTP packet (RFC 3550 section 5.1) in a buffer it does not own: the header is
 * validated once by {@link #wrap}, then read and rewritten in place, with no copy and no
 * allocation, so one view serves every packet of an event loop. Header extensions (RFC 8285) are
 * found by their negotiated id in the one-byte ({@code 0xBEDE}) or two-byte ({@code 0x100x}) form;
 * an extension block of another profile is kept but has no elements.
 *
 * <p>A view is valid while the buffer's bytes stay where they were when it was wrapped; it reads
 * and writes absolute indexes and never moves the buffer's reader or writer index.
 */
public final class RtpPacket {
  static final int FIXED_HEADER = 12;
  private static final int ONE_BYTE_PROFILE = 0xBEDE;
  private static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
  private static final int TWO_BYTE_PROFILE = 0x1000;

  /** RFC 8285 section 4.2: id 15 ends the one-byte elements; its length is not read. */
  private static final int ONE_BYTE_STOP_ID = 15;

  private static final int ABS_SEND_TIME_LENGTH = 3;
  private static final int TRANSPORT_SEQUENCE_LENGTH = 2;
  private static final int AUDIO_LEVEL_LENGTH = 1;

  private ByteBuf buffer;
  private int start;
  private int length;
  private int payloadStart;
  private int paddingLength;

  /** Where the elements of the extension block begin and end; both 0 if there is no block. */
  private int elementsStart;

  private int elementsEnd;
  private boolean twoByteElements;

  /** The readable bytes of {@code buffer} as an RTP packet. */
  public RtpPacket wrap(ByteBuf buffer) throws RtpParseException {
    return wrap(buffer, buffer.readerIndex(), buffer.readableBytes());
  }

  /**
   * Checks the packet at {@code buffer[start, start + length)} and views it; on rejection the view
   * is left empty, never half set.
   */
  public RtpPacket wrap(ByteBuf buffer, int start, int length) throws RtpParseException {
    this.buffer = null;
    if (length < FIXED_HEADER) {
      throw new RtpParseException("an RTP packet is at least 12 bytes, this is " + length);
    }
    int first = buffer.getUnsignedByte(start);
    if (first >> 6 != 2) {
      throw new RtpParseException("RTP version is " + (first >> 6) + ", not 2");
    }
    int at = FIXED_HEADER + 4 * (first & 0x0F);
    if (at > length) {
      throw new RtpParseException((first & 0x0F) + " CSRCs do not fit in " + length + " bytes");
    }
    int extensionStart = 0;
    int extensionEnd = 0;
    boolean twoByte = false;
    if ((first & 0x10) != 0) {
      if (at + 4 > length) {
        throw new RtpParseException("the header extension's header is cut off");
      }
      int profile = buffer.getUnsignedShort(start + at);
      int words = buffer.getUnsignedShort(start + at + 2);
      extensionStart = at + 4;
      extensionEnd = extensionStart + 4 * words;
      if (extensionEnd > length) {
        throw new RtpParseException(
            "the header extension of " + words + " words does not fit in " + length + " bytes");
      }
      at = extensionEnd;
      if (profile == ONE_BYTE_PROFILE || (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE) {
        twoByte = profile != ONE_BYTE_PROFILE;
        checkElements(buffer, start + extensionStart, start + extensionEnd, twoByte);
      } else {
        extensionStart = extensionEnd = 0;
      }
    }
    int padding = 0;
    if ((first & 0x20) != 0) {
      padding = buffer.getUnsignedByte(start + length - 1);
      if (padding == 0 || padding > length - at) {
        throw new RtpParseException(
            "padding of " + padding + " bytes does not fit after the " + at + "-byte header");
      }
    }
    this.buffer = buffer;
    this.start = start;
    this.length = length;
    this.payloadStart = at;
    this.paddingLength = padding;
    this.elementsStart = extensionStart;
    this.elementsEnd = extensionEnd;
    this.twoByteElements = twoByte;
    return this;
  }

  /** RFC 8285 sections 4.2 and 4.3: every element's value lies inside the block. */
  private static void checkElements(ByteBuf buffer, int from, int to, boolean twoByte)
      throws RtpParseException {
    int at = from;
    while (at < to) {
      int id = twoByte ? buffer.getUnsignedByte(at) : buffer.getUnsignedByte(at) >> 4;
      if (id == 0) {
        at++;
        continue;
      }
      if (!twoByte && id == ONE_BYTE_STOP_ID) {
        return;
      }
      int header = twoByte ? 2 : 1;
      if (at + header > to || at + header + valueLength(buffer, at, twoByte) > to) {
        throw new RtpParseException("header extension element " + id + " runs past its block");
      }
      at += header + valueLength(buffer, at, twoByte);
    }
  }

  private static int valueLength(ByteBuf buffer, int at, boolean twoByte) {
    return twoByte ? buffer.getUnsignedByte(at + 1) : (buffer.getUnsignedByte(at) & 0x0F) + 1;
  }

  public ByteBuf buffer() {
    return buffer;
  }

  public int start() {
    return start;
  }

  public int length() {
    return length;
  }

  public boolean marker() {
    return (buffer.getUnsignedByte(start + 1) & 0x80) != 0;
  }

  public void setMarker(boolean marker) {
    int second = buffer.getUnsignedByte(start + 1);
    buffer.setByte(start + 1, marker ? second | 0x80 : second & 0x7F);
  }

  public int payloadType() {
    return buffer.getUnsignedByte(start + 1) & 0x7F;
  }

  public void setPayloadType(int payloadType) {
    if (payloadType >>> 7 != 0) {
      throw new IllegalArgumentException("payload type " + payloadType + " is not 0-127");
    }
    buffer.setByte(start + 1, (buffer.getUnsignedByte(start + 1) & 0x80) | payloadType);
  }

  public int sequenceNumber() {
    return buffer.getUnsignedShort(start + 2);
  }

  /** The low 16 bits of {@code sequenceNumber}, so offsets can be added without masking. */
  public void setSequenceNumber(int sequenceNumber) {
    buffer.setShort(start + 2, sequenceNumber);
  }

  /** The 32-bit timestamp, unsigned, in a long. */
  public long timestamp() {
    return buffer.getUnsignedInt(start + 4);
  }

  public void setTimestamp(long timestamp) {
    buffer.setInt(start + 4, (int) timestamp);
  }

  /** The 32-bit SSRC, as Java's int holds it (compare with ==, print unsigned). */
  public int ssrc() {
    return buffer.getInt(start + 8);
  }

  public void setSsrc(int ssrc) {
    buffer.setInt(start + 8, ssrc);
  }

  public int csrcCount() {
    return buffer.getUnsignedByte(start) & 0x0F;
  }

  public int csrc(int index) {
    if (index < 0 || index >= csrcCount()) {
      throw new IndexOutOfBoundsException("CSRC " + index + " of " + csrcCount());
    }
    return buffer.getInt(start + FIXED_HEADER + 4 * index);
  }

  /** Whether the X bit is set, whatever the extension's profile. */
  public boolean hasExtensionBlock() {
    return (buffer.getUnsignedByte(start) & 0x10) != 0;
  }

  /** Where the payload begins, relative to {@link #start()}: after CSRCs and extensions. */
  public int payloadOffset() {
    return payloadStart;
  }

  public int payloadLength() {
    return length - payloadStart - paddingLength;
  }

  public int paddingLength() {
    return paddingLength;
  }

  /**
   * The absolute index in {@link #buffer()} of the value of extension {@code id} (1-14 one-byte,
   * 1-255 two-byte), or -1 if the packet has no such element.
   */
  public int extensionIndex(int id) {
    int at = start + elementsStart;
    int end = start + elementsEnd;
    while (at < end) {
      int elementId =
          twoByteElements ? buffer.getUnsignedByte(at) : buffer.getUnsignedByte(at) >> 4;
      if (elementId == 0) {
        at++;
        continue;
      }
      if (!twoByteElements && elementId == ONE_BYTE_STOP_ID) {
        return -1;
      }
      int header = twoByteElements ? 2 : 1;
      if (elementId == id) {
        return at + header;
      }
      at += header + valueLength(buffer, at, twoByteElements);
    }
    return -1;
  }

  /** The length of extension {@code id}'s value, or -1 if the packet has no such element. */
  public int extensionLength(int id) {
    int index = extensionIndex(id);
    return index < 0 ? -1 : valueLength(buffer, index - (twoByteElements ? 2 : 1), twoByteElements);
  }

  /**
   * abs-send-time (webrtc's http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time): 24 bits,
   * seconds in 6.18 fixed point; -1 if absent or not 3 bytes.
   */
  public int absSendTime(int id) {
    int index = valueIndex(id, ABS_SEND_TIME_LENGTH);
    return index < 0 ? -1 : buffer.getUnsignedMedium(index);
  }

  /** Rewrites abs-send-time in place; false if the packet has no such 3-byte element. */
  public boolean setAbsSendTime(int id, int absSendTime) {
    int index = valueIndex(id, ABS_SEND_TIME_LENGTH);
    if (index >= 0) {
      buffer.setMedium(index, absSendTime);
    }
    return index >= 0;
  }

  /**
   * The transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 section
   * 2); -1 if absent or not 2 bytes.
   */
  public int transportSequence(int id) {
    int index = valueIndex(id, TRANSPORT_SEQUENCE_LENGTH);
    return index < 0 ? -1 : buffer.getUnsignedShort(index);
  }

  /** Rewrites the transport-wide sequence number in place; false if there is none. */
  public boolean setTransportSequence(int id, int sequence) {
    int index = valueIndex(id, TRANSPORT_SEQUENCE_LENGTH);
    if (index >= 0) {
      buffer.setShort(index, sequence);
    }
    return index >= 0;
  }

  /**
   * The audio level of RFC 6464 in -dBov, 0 (loudest) to 127 (silence); -1 if absent or not one
   * byte.
   */
  public int audioLevel(int id) {
    int index = valueIndex(id, AUDIO_LEVEL_LENGTH);
    return index < 0 ? -1 : buffer.getUnsignedByte(index) & 0x7F;
  }

  /** RFC 6464's V flag: the sender's voice activity detector heard speech. */
  public boolean voiceActivity(int id) {
    int index = valueIndex(id, AUDIO_LEVEL_LENGTH);
    return index >= 0 && (buffer.getUnsignedByte(index) & 0x80) != 0;
  }

  /**
   * The value of a text extension such as mid (RFC 9143) or rid and repaired-rid (RFC 8852), or
   * null if absent. It allocates a string: these ride only the first packets of a stream.
   */
  public String text(int id) {
    int index = extensionIndex(id);
    return index < 0
        ? null
        : buffer.toString(index, extensionLength(id), StandardCharsets.US_ASCII);
  }

  /** Whether extension {@code id}'s value is exactly {@code ascii}, without allocating. */
  public boolean textEquals(int id, byte[] ascii) {
    int index = extensionIndex(id);
    if (index < 0 || extensionLength(id) != ascii.length) {
      return false;
    }
    for (int i = 0; i < ascii.length; i++) {
      if (buffer.getByte(index + i) != ascii[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Renumbers the header extension elements in place for a receiver that negotiated other ids (RFC
   * 8285 ids belong to one session): element {@code id} becomes {@code ids[id]}. An element mapped
   * to 0, beyond the table, or to an id its one-byte form cannot carry (15 and up) is blanked into
   * padding bytes, which receivers skip (sections 4.2 and 4.3), so nothing moves.
   */
  public void remapExtensions(byte[] ids) {
    int at = start + elementsStart;
    int end = start + elementsEnd;
    while (at < end) {
      int id = twoByteElements ? buffer.getUnsignedByte(at) : buffer.getUnsignedByte(at) >> 4;
      if (id == 0) {
        at++;
        continue;
      }
      if (!twoByteElements && id == ONE_BYTE_STOP_ID) {
        return;
      }
      int header = twoByteElements ? 2 : 1;
      int valueLength = valueLength(buffer, at, twoByteElements);
      int newId = id < ids.length ? ids[id] & 0xFF : 0;
      if (newId == 0 || (!twoByteElements && newId >= ONE_BYTE_STOP_ID)) {
        buffer.setZero(at, header + valueLength);
      } else if (twoByteElements) {
        buffer.setByte(at, newId);
      } else {
        buffer.setByte(at, newId << 4 | (valueLength - 1));
      }
      at += header + valueLength;
    }
  }

  private int valueIndex(int id, int expectedLength) {
    return extensionLength(id) == expectedLength ? extensionIndex(id) : -1;
  }
}
