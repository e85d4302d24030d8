package dev.parley.ice;

/** Thrown when a new transport would be one more than media-max-transports. */
public final class TransportLimitException extends RuntimeException {
  TransportLimitException(int max) {
    super("this node already holds " + max + " media transports (media-max-transports)");
  }
}
