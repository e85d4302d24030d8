package dev.parley.dtls;

import dev.parley.ice.IceTransport;
import dev.parley.metrics.Metrics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * This node's DTLS-SRTP server (RFC 5764) for the media plane. The SFU takes the DTLS server role:
 * it offers {@code a=setup:actpass} and the browser answers {@code active} (RFC 8842 §5.5 asks an
 * answerer to), so the browser sends the first flight as soon as its ICE is connected, and the
 * server never sends first toward an address ICE has not selected yet.
 *
 * <p>BC's handshakes block, so they run on a bounded pool of their own, never on the media event
 * loop: {@code threads} handshakes at once, {@code queue} more waiting, and one past that fails.
 */
public final class DtlsEndpoint implements AutoCloseable {
  private final DtlsIdentity identity;
  private final Duration handshakeTimeout;
  private final DtlsMetrics metrics;
  private final ThreadPoolExecutor executor;
  private final SecureRandom random = new SecureRandom();

  public DtlsEndpoint(
      DtlsIdentity identity, int threads, int queue, Duration handshakeTimeout, Metrics metrics) {
    this.identity = identity;
    this.handshakeTimeout = handshakeTimeout;
    this.metrics = new DtlsMetrics(metrics);
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            new io.netty.util.concurrent.DefaultThreadFactory("parley-dtls", true));
    executor.allowCoreThreadTimeOut(true);
  }

  /** What peers put in their SDP's a=fingerprint is checked against; ours goes in our SDP. */
  public CertificateFingerprint fingerprint() {
    return identity.fingerprint();
  }

  /**
   * Serves DTLS on the ICE transport for a peer whose SDP gave {@code remote}: its DTLS datagrams
   * go to the session from now on, and the session ends with the transport.
   */
  public DtlsSession accept(IceTransport ice, CertificateFingerprint remote) {
    SrtpDtlsServer server =
        new SrtpDtlsServer(
            new BcTlsCrypto(random),
            identity,
            remote,
            Math.toIntExact(handshakeTimeout.toMillis()));
    DtlsSession session = new DtlsSession(ice, server, executor, metrics);
    ice.onDtls(session::received);
    ice.onClose(session::close);
    return session;
  }

  /** Datagrams dropped as not DTLS 1.2 records since start. */
  public long garbage() {
    return metrics.garbageCount();
  }

  /** Handshakes that failed since start. */
  public long failedHandshakes() {
    return metrics.failedCount();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
