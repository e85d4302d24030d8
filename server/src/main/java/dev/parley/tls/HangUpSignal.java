package dev.parley.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGHUP, the signal operators and certbot deploy hooks send to make a daemon
 * re-read its certificate ({@code systemctl reload parley}, {@code kill -HUP <pid>}).
 */
public final class HangUpSignal {
  private static final Logger log = LoggerFactory.getLogger(HangUpSignal.class);

  private HangUpSignal() {}

  /**
   * Replaces the JVM's handling of SIGHUP (by default, exit) with {@code action}. Only the
   * process's entry point should call this: a signal has one handler per process.
   *
   * <p>{@code sun.misc.Signal} is the JDK's only way to handle a signal. It is unsupported but
   * exported (module jdk.unsupported) and has stayed put since JDK 9; should a JDK drop it or
   * refuse the signal, Parley still reloads changed files on its own and only logs that SIGHUP
   * is not handled.
   */
  public static void handle(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      log.warn("SIGHUP cannot be handled here ({}); certificate files are still reloaded when they change", e.toString());
    }
  }
}
