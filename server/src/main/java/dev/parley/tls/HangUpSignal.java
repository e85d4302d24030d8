package dev.parley.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
   * <p>{@link Signal} is the JDK's only way to handle a signal. It is unsupported but exported
   * (module jdk.unsupported) and has stayed put since JDK 9; should a JDK drop it or refuse the
   * signal, Parley still reloads changed files on its own and only logs that SIGHUP is not handled.
   *
   * <p>A process started with SIGHUP ignored ({@code nohup}, some supervisors) keeps it ignored:
   * the JVM installs no handler for a shutdown signal that was ignored at start, and says so only
   * by returning {@code SIG_IGN}. That is logged too, or a reload asked for with the signal would
   * silently not happen.
   */
  public static void handle(Runnable action) {
    try {
      SignalHandler before = Signal.handle(new Signal("HUP"), signal -> action.run());
      if (before == SignalHandler.SIG_IGN) {
        log.warn(
            "SIGHUP is ignored in this process (started with nohup?), so it cannot ask for a reload;"
                + " certificate files are still reloaded when they change");
      }
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      log.warn(
          "SIGHUP cannot be handled here ({}); certificate files are still reloaded when they change",
          e.toString());
    }
  }
}
