package dev.parley.media;

import dev.parley.dtls.DtlsEndpoint;
import dev.parley.ice.IceAgent;
import dev.parley.metrics.Metrics;
import dev.parley.sfu.SfuLimits;
import dev.parley.sfu.SfuMetrics;
import dev.parley.signal.MediaListener;
import dev.parley.signal.MediaPlane;
import dev.parley.signal.RoomMedia;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's media for SFU rooms: the media port's agent and DTLS endpoint, shared by every room,
 * and a {@link SfuRoom} per room that turned SFU. What {@code ParleyServer} hands {@code signal}.
 */
public final class MediaRooms implements MediaPlane {
  final IceAgent ice;
  final DtlsEndpoint dtls;
  final SfuLimits limits;
  final SfuMetrics sfuMetrics;
  final MediaMetrics metrics;
  final ByteBufAllocator allocator;
  final AtomicInteger rooms = new AtomicInteger();
  final AtomicInteger ticking = new AtomicInteger();

  /**
   * @param allocator pooled, heap buffers: SRTP works on arrays
   */
  public MediaRooms(
      IceAgent ice,
      DtlsEndpoint dtls,
      SfuLimits limits,
      Metrics metrics,
      ByteBufAllocator allocator) {
    this.ice = ice;
    this.dtls = dtls;
    this.limits = limits;
    this.sfuMetrics = new SfuMetrics(metrics);
    this.metrics = new MediaMetrics(metrics, rooms::get, ticking::get);
    this.allocator = allocator;
  }

  @Override
  public RoomMedia open(String room, MediaListener listener) {
    rooms.incrementAndGet();
    return new SfuRoom(this, room, listener);
  }

  /**
   * Runs a task on the media loop; dropped once the server stops and the loop with it, when nothing
   * of the media matters any more.
   */
  static void post(EventLoop loop, Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException stopping) {
      // The server is stopping: its transports and units go with the loop.
    }
  }

  /** SFU rooms open (each until its last participant leaves). */
  public int openRooms() {
    return rooms.get();
  }

  /** Forwarding units being ticked: one per SFU room with participants. */
  public int tickingUnits() {
    return ticking.get();
  }
}
