package dev.parley.tls;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the certificate files every few seconds and reloads them when their content changed:
 * a renewal (certbot replacing the files or the symbolic links to them) takes effect without a
 * restart or a signal. Its own thread, so file reads never hold up a network event loop.
 */
public final class CertificateWatcher implements AutoCloseable {
  /** Short enough that a renewal is served within moments, long enough to cost nothing. */
  public static final Duration INTERVAL = Duration.ofSeconds(2);

  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread t = new Thread(task, "parley-tls-watch");
    t.setDaemon(true);
    return t;
  });

  public CertificateWatcher(ServerCertificate certificate) {
    thread.scheduleWithFixedDelay(certificate::reloadIfChanged, INTERVAL.toMillis(), INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
