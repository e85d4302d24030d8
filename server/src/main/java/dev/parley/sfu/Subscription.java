package dev.parley.sfu;

import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpParseException;
import dev.parley.rtp.SenderReport;
import dev.parley.rtp.StreamRewriter;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One subscriber's view of one track: a single stream under the subscriber's own SSRC, fed from one
 * layer at a time, with sequence numbers and timestamps that run on across layer switches ({@link
 * StreamRewriter}). A switch happens only at a key frame of the target layer, which is asked of the
 * publisher when the target changes; the target follows the subscriber's bandwidth and render size
 * ({@link LayerChoice}). What was sent is remembered ({@link SentHistory}) so the subscriber's
 * NACKs are answered from the source's cache, as RTX where negotiated. Owned by the unit's thread.
 */
public final class Subscription {
  private static final int RTX_HEADER = 2;
  private static final int PADDING_BIT = 0x20;

  private final Subscriber subscriber;
  private final PublishedTrack track;
  private final SubscriptionSpec spec;
  private final byte[] extensionIds;
  private final StreamRewriter rewriter;
  private final SentHistory history = new SentHistory();
  private final LayerChoice choice = new LayerChoice();
  private int currentLayer = -1;
  private int targetLayer;

  /** The extended sequence number of the key frame the current layer started at. */
  private long switchedAt;

  /**
   * VP8's picture id and TL0PICIDX run on across a switch too (libwebrtc refers frames by them).
   */
  private final Vp8Continuity vp8 = new Vp8Continuity();

  private int maxLayer = Integer.MAX_VALUE;
  private int sizeLayer = Integer.MAX_VALUE;
  private int rtxSequence;

  /** RFC 3550 section 6.4.1's sender's packet and octet counts, of what this stream sent. */
  private long packetsSent;

  private long octetsSent;

  Subscription(
      Subscriber subscriber,
      PublishedTrack track,
      SubscriptionSpec spec,
      byte[] extensionIds,
      long nowNanos) {
    this.subscriber = subscriber;
    this.track = track;
    this.spec = spec;
    this.extensionIds = extensionIds;
    this.rewriter = new StreamRewriter(spec.ssrc(), track.spec().codec().clockRate);
    this.targetLayer = track.lowestActiveLayer(nowNanos);
  }

  public Subscriber subscriber() {
    return subscriber;
  }

  public PublishedTrack track() {
    return track;
  }

  public SubscriptionSpec spec() {
    return spec;
  }

  /** The layer being forwarded, or -1 before the first key frame. */
  public int currentLayer() {
    return currentLayer;
  }

  /** The layer the subscription is switching to, or the current one. */
  public int targetLayer() {
    return targetLayer;
  }

  /**
   * The size the subscriber renders this track at, in pixels: it gets no layer larger than needed
   * (the smallest at least this size). Takes effect at the next tick.
   */
  public void preferredSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("a render size is positive, not " + width + "x" + height);
    }
    sizeLayer = track.layerForSize(width, height);
  }

  /** The highest layer this subscriber wants (0 the lowest), whatever its bandwidth. */
  public void maxLayer(int layer) {
    if (layer < 0) {
      throw new IllegalArgumentException("a layer is 0 or more, not " + layer);
    }
    maxLayer = layer;
  }

  void start(long nowNanos) {
    requestKeyFrame(targetLayer, nowNanos);
  }

  /** A packet of {@code stream}, extended number {@code sequence}, as the publisher sent it. */
  void offer(IncomingStream stream, long sequence, RtpPacket source, boolean keyFrame, long now) {
    int layer = stream.layer;
    if (layer != currentLayer) {
      if (layer != targetLayer || !keyFrame) {
        return;
      }
      if (currentLayer >= 0) {
        subscriber.unit().metrics().layerSwitched();
      }
      currentLayer = layer;
      switchedAt = sequence;
      vp8.rebase();
    } else if (sequence < switchedAt) {
      return; // late, from before the key frame this layer started at
    }
    ByteBuf out = copy(source.buffer(), source.start(), source.length(), 0);
    RtpPacket packet = view(out);
    rewriter.rewrite(packet, now);
    packet.setPayloadType(spec.payloadType());
    if (track.spec().codec() == Codec.VP8 && packet.payloadLength() > 0) {
      vp8.rewrite(subscriber.unit().vp8(packet));
    }
    finish(packet, now);
    history.record(packet.sequenceNumber(), layer, sequence, packet.timestamp());
    packetsSent++;
    octetsSent += packet.payloadLength();
    subscriber.send(out);
  }

  /**
   * The publisher's sender report for {@code stream}, in this stream's SSRC and timestamps, so the
   * subscriber can keep audio and video in sync (RFC 3550 section 6.4.1); none if the stream is not
   * the layer being forwarded.
   */
  void senderReport(IncomingStream stream, SenderReport report) {
    long timestamp = rewriter.outgoingTimestamp(stream.ssrc, report.rtpTimestamp());
    if (stream.layer != currentLayer || timestamp < 0) {
      return;
    }
    subscriber.send(
        subscriber
            .unit()
            .written(
                new SenderReport(
                    spec.ssrc(),
                    report.ntpTimestamp(),
                    timestamp,
                    packetsSent & 0xFFFF_FFFFL,
                    octetsSent & 0xFFFF_FFFFL,
                    List.of())));
  }

  /**
   * Resends what went out as {@code sequence}, from the source's cache: as RTX (RFC 4588 section 4:
   * the original sequence number before the payload) if negotiated, else as it was. False if the
   * packet is no longer held.
   */
  boolean retransmit(int sequence, long now) {
    if (!history.find(sequence)) {
      return false;
    }
    ByteBuf cached = track.streams[history.foundLayer].cache.get(history.foundSource);
    if (cached == null) {
      return false;
    }
    RtpPacket source = view(cached);
    ByteBuf out;
    RtpPacket packet;
    if (spec.rtx()) {
      out = copy(cached, source.start(), source.payloadOffset(), RTX_HEADER + source.length());
      out.writeShort(sequence);
      out.writeBytes(
          cached, source.start() + source.payloadOffset(), source.payloadLength()); // no padding
      out.setByte(0, out.getUnsignedByte(0) & ~PADDING_BIT);
      packet = view(out);
      packet.setSsrc(spec.rtxSsrc());
      packet.setPayloadType(spec.rtxPayloadType());
      packet.setSequenceNumber(rtxSequence);
      rtxSequence = (rtxSequence + 1) & 0xFFFF;
    } else {
      out = copy(cached, source.start(), source.length(), 0);
      packet = view(out);
      packet.setSsrc(spec.ssrc());
      packet.setPayloadType(spec.payloadType());
      packet.setSequenceNumber(sequence);
    }
    packet.setTimestamp(history.foundTimestamp);
    finish(packet, now);
    subscriber.send(out);
    return true;
  }

  /** The subscriber lost the picture (PLI or FIR): the layer it is on, or going to, is asked. */
  void keyFrameWanted(long nowNanos) {
    requestKeyFrame(targetLayer, nowNanos);
  }

  /** Re-chooses the layer from {@code budget} bits per second (-1: unknown). */
  void tick(long budget, long nowNanos) {
    if (track.layers() > 1) {
      int cap = Math.min(Math.min(maxLayer, sizeLayer), track.layers() - 1);
      int chosen = choice.next(targetLayer, track.bitrates(nowNanos), cap, budget, nowNanos);
      targetLayer = chosen;
    }
    if (targetLayer != currentLayer) {
      requestKeyFrame(targetLayer, nowNanos);
    }
  }

  private void requestKeyFrame(int layer, long nowNanos) {
    if (track.spec().codec().video) {
      track.publisher().requestKeyFrame(track.streams[layer], nowNanos);
    }
  }

  /** Extension ids, transport-wide number and send time for the subscriber; then counted. */
  private void finish(RtpPacket packet, long now) {
    packet.remapExtensions(extensionIds);
    subscriber.stamp(packet, now);
    subscriber.unit().metrics().forwarded();
  }

  /** A buffer for the subscriber holding {@code buffer[from, from + length)}, room to spare. */
  private ByteBuf copy(ByteBuf buffer, int from, int length, int extra) {
    ByteBuf out =
        subscriber.unit().allocator().heapBuffer(length + extra + MediaOutput.TRAILER_ROOM);
    return out.writeBytes(buffer, from, length);
  }

  private RtpPacket view(ByteBuf buffer) {
    try {
      return subscriber.unit().outgoingView().wrap(buffer);
    } catch (RtpParseException impossible) {
      throw new IllegalStateException("a packet that parsed before no longer does", impossible);
    }
  }
}
