package dev.parley.dtls;

import dev.parley.ice.IceTransport;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS server side of one ICE transport. The first well-formed datagram starts the blocking BC
 * handshake on the endpoint's executor; {@link #keys()} completes with the SRTP keying material or
 * fails. Afterwards the few DTLS datagrams that still come (a retransmitted last flight when ours
 * was lost, an alert) are read by a short task on the same executor, never by a thread that waits.
 * A failed or closed session closes its ICE transport.
 */
public final class DtlsSession {
  private static final Logger log = LoggerFactory.getLogger(DtlsSession.class);
  private static final int DRAIN_WAIT_MILLIS = 1;

  private final IceTransport ice;
  private final SrtpDtlsServer server;
  private final Executor executor;
  private final DtlsMetrics metrics;
  private final IceDatagramTransport datagrams;
  private final CompletableFuture<SrtpKeyingMaterial> keys = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile DTLSTransport established;

  DtlsSession(IceTransport ice, SrtpDtlsServer server, Executor executor, DtlsMetrics metrics) {
    this.ice = ice;
    this.server = server;
    this.executor = executor;
    this.metrics = metrics;
    this.datagrams = new IceDatagramTransport(ice);
  }

  /**
   * Completes when the handshake does, with what SRTP needs; fails if it fails or the transport
   * closes first.
   */
  public CompletableFuture<SrtpKeyingMaterial> keys() {
    return keys;
  }

  /** A DTLS datagram from the selected path; on the media event loop. */
  void received(ByteBuf datagram) {
    try {
      DtlsRecords.count(datagram.nioBuffer());
    } catch (DtlsParseException e) {
      metrics.garbage();
      return;
    }
    if (!datagrams.offer(datagram)) {
      metrics.overflow();
      return;
    }
    if (started.compareAndSet(false, true)) {
      run(this::handshake);
    } else if (established != null) {
      drain();
    }
  }

  private void handshake() {
    try {
      DTLSTransport transport = new DTLSServerProtocol().accept(server, datagrams);
      established = transport;
      metrics.completed();
      keys.complete(server.keys());
      drain();
    } catch (IOException | RuntimeException e) {
      metrics.failed();
      log.debug("DTLS handshake with {} failed: {}", ice, e.toString());
      fail(e);
    }
  }

  /** Reads what waits without blocking: BC answers retransmissions and takes alerts in receive. */
  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    run(
        () -> {
          byte[] buffer = new byte[datagrams.getReceiveLimit()];
          try {
            while (datagrams.hasPending()) {
              established.receive(buffer, 0, buffer.length, DRAIN_WAIT_MILLIS);
            }
          } catch (IOException e) {
            // close_notify or a fatal alert: the peer is gone.
            fail(e);
          } finally {
            draining.set(false);
          }
          if (datagrams.hasPending() && !ice.isClosed()) {
            drain();
          }
        });
  }

  private void run(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      metrics.failed();
      fail(new IOException("too many DTLS handshakes waiting", e));
    }
  }

  private void fail(Exception cause) {
    keys.completeExceptionally(cause);
    close();
  }

  /** Ends the session and its ICE transport. Any thread. */
  public void close() {
    datagrams.close();
    keys.completeExceptionally(new IOException("the transport closed"));
    ice.close();
  }
}
