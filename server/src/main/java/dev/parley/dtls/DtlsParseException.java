package dev.parley.dtls;

/** A datagram that is not well-formed DTLS 1.2 records. */
public final class DtlsParseException extends Exception {
  DtlsParseException(String message) {
    super(message);
  }
}
