package dev.parley.tls;

/** A certificate or key that cannot be used; the message names the file and says why. */
public final class TlsException extends RuntimeException {
  TlsException(String message) {
    super(message);
  }

  TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
