package dev.parley.media;

import dev.parley.config.MediaConfig;
import dev.parley.dtls.DtlsEndpoint;
import dev.parley.dtls.DtlsIdentity;
import dev.parley.ice.IceAgent;
import dev.parley.metrics.Metrics;
import dev.parley.net.Transport;
import dev.parley.sfu.SfuLimits;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;

/**
 * The media port, as the server starts and stops it: its ICE-lite agent, the DTLS-SRTP endpoint
 * over the agent's transports, and the media of SFU rooms.
 */
public final class MediaPort {
  /**
   * Handshakes at once: each holds a thread for a few round trips; joins come in bursts of a few.
   */
  private static final int DTLS_THREADS = 2;

  /** Handshakes waiting for a thread; the next fails and its peer retries ICE. */
  private static final int DTLS_QUEUE = 256;

  /** BC retransmits flights within it; a peer that finishes no handshake by then is gone. */
  private static final Duration DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final IceAgent ice;
  private final DtlsEndpoint dtls;

  /** {@code null} in a cluster (see {@link #rooms}). */
  private final MediaRooms rooms;

  /**
   * @param clustered whether this node is one of a cluster: its rooms then stay mesh
   */
  public MediaPort(
      MediaConfig config,
      Transport transport,
      EventLoopGroup workers,
      Metrics metrics,
      boolean clustered) {
    this.ice = new IceAgent(config, transport, workers, metrics);
    this.dtls =
        new DtlsEndpoint(
            DtlsIdentity.generate(), DTLS_THREADS, DTLS_QUEUE, DTLS_HANDSHAKE_TIMEOUT, metrics);
    this.rooms =
        clustered
            ? null
            : new MediaRooms(
                ice, dtls, SfuLimits.of(config), metrics, PooledByteBufAllocator.DEFAULT);
  }

  /** Listens on the media port, on the hosts the web port binds. */
  public void bind(List<String> hosts) {
    ice.bind(hosts);
  }

  public void stop() {
    ice.stop();
    dtls.close();
  }

  /** The ICE-lite agent. */
  public IceAgent ice() {
    return ice;
  }

  /** DTLS-SRTP for the agent's transports. */
  public DtlsEndpoint dtls() {
    return dtls;
  }

  /**
   * The media of SFU rooms, or {@code null} in a cluster, where a room's media would have to live
   * on one node (room-media sfu is refused there).
   */
  public MediaRooms rooms() {
    return rooms;
  }
}
