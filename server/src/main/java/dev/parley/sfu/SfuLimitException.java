package dev.parley.sfu;

/** A participant asked for more than {@link SfuLimits} allow; nothing was changed. */
public final class SfuLimitException extends Exception {
  public SfuLimitException(String message) {
    super(message);
  }
}
