package dev.parley.tls;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the certificate files every few seconds and reloads them when their content changed: a
 * renewal (certbot replacing the files or the symbolic links to them) takes effect without a
 * restart or a signal. Its own thread, so file reads never hold up a network event loop.
 */
public final class CertificateWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CertificateWatcher.class);

  /** Short enough that a renewal is served within moments, long enough to cost nothing. */
  public static final Duration INTERVAL = Duration.ofSeconds(2);

  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread t = new Thread(task, "parley-tls-watch");
            t.setDaemon(true);
            return t;
          });

  public CertificateWatcher(ServerCertificate certificate) {
    thread.scheduleWithFixedDelay(
        () -> check(certificate), INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A scheduled task that throws is never run again: whatever goes wrong, log it and keep watching.
   */
  private static void check(ServerCertificate certificate) {
    try {
      certificate.reloadIfChanged();
    } catch (RuntimeException e) {
      log.error(
          "checking the TLS certificate files failed; still serving the current certificate", e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
