package dev.parley.sfu;

import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A track one publisher sends, with an {@link IncomingStream} per encoding (layer 0 the lowest) and
 * the subscriptions it is forwarded to. Owned by the unit's thread.
 */
public final class PublishedTrack {
  /** About 5 s of a 1 Mbit/s layer, several seconds of audio: longer than any NACK waits. */
  static final int VIDEO_CACHE = 512;

  static final int AUDIO_CACHE = 128;

  final Publisher publisher;
  final TrackSpec spec;
  final IncomingStream[] streams;
  final List<Subscription> subscriptions = new ArrayList<>();
  final byte[] mid;
  final byte[][] rids;
  private final long[] bitrates;
  private boolean closed;

  PublishedTrack(Publisher publisher, TrackSpec spec, ByteBufAllocator allocator) {
    this.publisher = publisher;
    this.spec = spec;
    int layers = spec.encodings().size();
    this.streams = new IncomingStream[layers];
    this.rids = new byte[layers][];
    this.bitrates = new long[layers];
    for (int layer = 0; layer < layers; layer++) {
      Encoding encoding = spec.encodings().get(layer);
      streams[layer] =
          new IncomingStream(
              this, layer, encoding, allocator, spec.codec().video ? VIDEO_CACHE : AUDIO_CACHE);
      rids[layer] = encoding.rid() == null ? null : ascii(encoding.rid());
    }
    this.mid = spec.mid() == null ? null : ascii(spec.mid());
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  public String id() {
    return spec.trackId();
  }

  public TrackSpec spec() {
    return spec;
  }

  public Publisher publisher() {
    return publisher;
  }

  public boolean isClosed() {
    return closed;
  }

  int layers() {
    return streams.length;
  }

  /** Each layer's bitrate now, -1 for a layer not being sent; the array is reused. */
  long[] bitrates(long nowNanos) {
    for (int layer = 0; layer < streams.length; layer++) {
      IncomingStream stream = streams[layer];
      bitrates[layer] = stream.active(nowNanos) ? stream.bitrate(nowNanos) : -1;
    }
    return bitrates;
  }

  /** The lowest layer being sent, else 0. */
  int lowestActiveLayer(long nowNanos) {
    for (int layer = 0; layer < streams.length; layer++) {
      if (streams[layer].active(nowNanos)) {
        return layer;
      }
    }
    return 0;
  }

  /**
   * The smallest layer at least {@code width} x {@code height}, or the largest if none is: what a
   * tile of that size shows without upscaling. Layers without a declared size do not cap.
   */
  int layerForSize(int width, int height) {
    for (int layer = 0; layer < streams.length; layer++) {
      Encoding encoding = streams[layer].encoding;
      if (encoding.width() == 0 || encoding.height() == 0) {
        return streams.length - 1;
      }
      if (encoding.width() >= width && encoding.height() >= height) {
        return layer;
      }
    }
    return streams.length - 1;
  }

  void close() {
    closed = true;
    for (IncomingStream stream : streams) {
      stream.cache.release();
    }
  }
}
