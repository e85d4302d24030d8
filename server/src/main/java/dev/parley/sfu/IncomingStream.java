package dev.parley.sfu;

import dev.parley.rtp.SequenceNumbers;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;

/**
 * One encoding of a published track as it arrives: its SSRCs (given, or learned from rid), the
 * extended sequence numbers, the packet cache that answers NACKs, the gaps to NACK upstream, its
 * measured bitrate, and when a key frame was last asked for. Owned by the unit's thread.
 */
final class IncomingStream {
  /** At most one key frame request per layer in this time: a key frame takes a while to come. */
  static final long KEY_FRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** A layer silent this long is taken as no longer sent (a publisher drops layers it cannot). */
  static final long INACTIVE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  final PublishedTrack track;
  final int layer;
  final Encoding encoding;
  final PacketCache cache;
  final MissingPackets missing = new MissingPackets();
  private final BitrateMeter meter = new BitrateMeter();
  private final SequenceNumbers.Extender extender = new SequenceNumbers.Extender();
  int ssrc;
  int rtxSsrc;
  private boolean receivedAny;
  private long lastPacketNanos;
  private boolean keyFrameAsked;
  private long keyFrameAskedNanos;

  IncomingStream(
      PublishedTrack track, int layer, Encoding encoding, ByteBufAllocator allocator, int cache) {
    this.track = track;
    this.layer = layer;
    this.encoding = encoding;
    this.cache = new PacketCache(allocator, cache);
    this.ssrc = encoding.ssrc();
    this.rtxSsrc = encoding.rtxSsrc();
  }

  /**
   * Extends a packet's sequence number and notes its gaps; -1 if the cache already holds it (a
   * duplicate, to drop).
   */
  long received(int sequence, int bytes, long nowNanos) {
    long highest = extender.highest();
    long extended = extender.extend(sequence);
    if (highest >= 0 && cache.contains(extended)) {
      return -1;
    }
    missing.received(extended, highest, nowNanos);
    meter.add(bytes, nowNanos);
    receivedAny = true;
    lastPacketNanos = nowNanos;
    return extended;
  }

  /** Whether the publisher sends this layer now. */
  boolean active(long nowNanos) {
    return receivedAny && nowNanos - lastPacketNanos <= INACTIVE_AFTER_NANOS;
  }

  /** The declared bitrate, or the measured one where none was declared. */
  long bitrate(long nowNanos) {
    return encoding.bitrate() > 0 ? encoding.bitrate() : meter.bitsPerSecond(nowNanos);
  }

  /** Whether a key frame may be asked for now (the throttle); if so, the asking is noted. */
  boolean mayAskForKeyFrame(long nowNanos) {
    if (ssrc == 0
        || (keyFrameAsked && nowNanos - keyFrameAskedNanos < KEY_FRAME_REQUEST_INTERVAL_NANOS)) {
      return false;
    }
    keyFrameAsked = true;
    keyFrameAskedNanos = nowNanos;
    return true;
  }
}
