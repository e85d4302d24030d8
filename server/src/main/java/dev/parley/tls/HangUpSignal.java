package dev.parley.tls;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
   * refuse the signal, Parley still reloads changed files on its own and only logs that SIGHUP is
   * not handled. It is reached through method handles, not named in the code: javac warns on every
   * compile-time use of it, and no flag silences that warning under {@code --release}, which would
   * keep the build from failing on warnings.
   *
   * <p>A process started with SIGHUP ignored ({@code nohup}, some supervisors) keeps it ignored:
   * the JVM installs no handler for a shutdown signal that was ignored at start, and says so only
   * by returning {@code SIG_IGN}. That is logged too, or a reload asked for with the signal would
   * silently not happen.
   */
  public static void handle(Runnable action) {
    try {
      if (install(action)) {
        log.warn(
            "SIGHUP is ignored in this process (started with nohup?), so it cannot ask for a reload;"
                + " certificate files are still reloaded when they change");
      }
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      // A ReflectiveOperationException if this JDK lacks the class, an IllegalArgumentException or
      // UnsupportedOperationException if it refuses the signal: the only ones Signal throws.
      log.warn(
          "SIGHUP cannot be handled here ({}); certificate files are still reloaded when they change",
          e.toString());
    }
  }

  /**
   * {@code Signal.handle(new Signal("HUP"), signal -> action.run())}.
   *
   * @return whether the handler replaced is {@code SIG_IGN}
   */
  private static boolean install(Runnable action) throws Throwable {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?> signalClass = Class.forName("sun.misc.Signal");
    Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
    MethodHandle newSignal =
        lookup.findConstructor(signalClass, MethodType.methodType(void.class, String.class));
    MethodHandle handle =
        lookup.findStatic(
            signalClass, "handle", MethodType.methodType(handlerClass, signalClass, handlerClass));
    Object ignore = lookup.findStaticGetter(handlerClass, "SIG_IGN", handlerClass).invoke();
    MethodHandle run =
        lookup.findVirtual(Runnable.class, "run", MethodType.methodType(void.class)).bindTo(action);
    Object handler =
        MethodHandleProxies.asInterfaceInstance(
            handlerClass, MethodHandles.dropArguments(run, 0, signalClass));
    return handle.invoke(newSignal.invoke("HUP"), handler) == ignore;
  }
}
