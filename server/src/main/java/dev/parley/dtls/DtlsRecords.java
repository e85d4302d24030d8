package dev.parley.dtls;

import java.nio.ByteBuffer;

/**
 * The DTLS 1.2 record layer's framing (RFC 6347 §4.1), checked before a datagram reaches the
 * handshake: every record a known content type, a DTLS version, and a length that fits, the records
 * filling the datagram exactly. Anything else is garbage, dropped without waking BC.
 */
public final class DtlsRecords {
  static final int HEADER_LENGTH = 13;

  /** RFC 6347 §4.1: a record's fragment is at most 2^14 bytes plus 2048 of expansion. */
  static final int MAX_FRAGMENT = (1 << 14) + 2048;

  private DtlsRecords() {}

  /**
   * Counts the records of a datagram, read with absolute indexes (its position does not move).
   *
   * @throws DtlsParseException naming the first thing wrong
   */
  public static int count(ByteBuffer datagram) throws DtlsParseException {
    int offset = datagram.position();
    int end = datagram.limit();
    int records = 0;
    while (offset < end) {
      if (end - offset < HEADER_LENGTH) {
        throw new DtlsParseException(
            "a record header needs 13 bytes, " + (end - offset) + " are left");
      }
      int type = datagram.get(offset) & 0xFF;
      if (type < 20 || type > 25) {
        throw new DtlsParseException("content type " + type + " is none of DTLS 1.2's (20 to 25)");
      }
      int major = datagram.get(offset + 1) & 0xFF;
      int minor = datagram.get(offset + 2) & 0xFF;
      if (major != 0xFE || (minor != 0xFF && minor != 0xFD)) {
        throw new DtlsParseException(
            String.format("version %d.%d is neither DTLS 1.0 nor 1.2", major, minor));
      }
      int length = datagram.getShort(offset + 11) & 0xFFFF;
      if (length > MAX_FRAGMENT) {
        throw new DtlsParseException("a record of " + length + " bytes is longer than DTLS allows");
      }
      if (length > end - offset - HEADER_LENGTH) {
        throw new DtlsParseException(
            "a record of "
                + length
                + " bytes overruns the "
                + (end - offset - HEADER_LENGTH)
                + " bytes left");
      }
      offset += HEADER_LENGTH + length;
      records++;
    }
    if (records == 0) {
      throw new DtlsParseException("an empty datagram holds no record");
    }
    return records;
  }
}
