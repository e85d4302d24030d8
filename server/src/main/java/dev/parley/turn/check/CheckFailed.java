package dev.parley.turn.check;

/** Why the check did not pass, in words for the person who ran it. */
final class CheckFailed extends Exception {
  CheckFailed(String message) {
    super(message);
  }

  CheckFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
