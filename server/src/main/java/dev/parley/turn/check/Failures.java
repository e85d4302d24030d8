package dev.parley.turn.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;

/** Network failures in words: what the person running the check can act on. */
final class Failures {
  private Failures() {}

  static String describe(IOException e, String server) {
    return switch (e) {
      case PortUnreachableException unreachable ->
          "nothing listens on " + server + " (ICMP port unreachable)";
      case ConnectException refused ->
          "cannot connect to "
              + server
              + ": "
              + (refused.getMessage() == null ? "connection refused" : refused.getMessage());
      case SocketTimeoutException timeout -> "no answer from " + server;
      default ->
          server + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    };
  }
}
