package dev.parley.sfu;

import dev.parley.rtp.RtcpPacket;
import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpParseException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The selective forwarding unit of one room: its publishers and subscribers, the packets between
 * them, and the room's dominant speaker. Transport-agnostic: the caller hands in each transport's
 * packets once SRTP is off ({@link Publisher#received}, {@link Subscriber#received}) and protects
 * and sends what comes out of each {@link MediaOutput}; it calls {@link #tick} every few tens of
 * milliseconds for what is due by time (NACKs upstream, layer choices, the dominant speaker, the
 * publishers' bitrate caps). Everything runs on one thread, the media event loop: see the package
 * documentation.
 */
public final class ForwardingUnit {
  /** The SSRC the unit's own RTCP feedback comes from (RFC 4585 section 6.1: the sender). */
  static final int FEEDBACK_SSRC = 1;

  /** An SRTP-sized RTP packet: the largest a slot of the scratch buffer has to hold. */
  private static final int MAX_PACKET = 1500;

  private static final int RTCP_INITIAL = 128;

  private final SfuLimits limits;
  private final SfuMetrics metrics;
  private final ByteBufAllocator allocator;
  private final LongSupplier nanoTime;
  private final DominantSpeaker speakers;
  private final Map<String, Publisher> publishers = new HashMap<>();
  private final Map<String, Subscriber> subscribers = new HashMap<>();
  private final List<Publisher> publisherList = new ArrayList<>();
  private final List<Subscriber> subscriberList = new ArrayList<>();

  // One of each per unit, reused packet after packet: the forwarding path allocates no view.
  private final RtpPacket sourceView = new RtpPacket();
  private final RtpPacket outgoingView = new RtpPacket();
  private final Vp8Descriptor vp8 = new Vp8Descriptor();
  private final ByteBuf repairScratch;

  /**
   * @param allocator pooled, for the copies each subscriber is sent and the packet caches
   * @param nanoTime the clock ({@code System::nanoTime}; tests step their own)
   * @param speakerListener told when the room's dominant speaker changes
   */
  public ForwardingUnit(
      SfuLimits limits,
      SfuMetrics metrics,
      ByteBufAllocator allocator,
      LongSupplier nanoTime,
      SpeakerListener speakerListener) {
    this.limits = limits;
    this.metrics = metrics;
    this.allocator = allocator;
    this.nanoTime = nanoTime;
    this.speakers = new DominantSpeaker(speakerListener);
    this.repairScratch = allocator.heapBuffer(MAX_PACKET, MAX_PACKET);
  }

  /**
   * A participant's publishing transport: {@code upstream} carries the unit's RTCP to it, {@code
   * extensions} are the header extension ids its SDP negotiated.
   */
  public Publisher addPublisher(String id, MediaOutput upstream, HeaderExtensions extensions) {
    if (publishers.containsKey(id)) {
      throw new IllegalArgumentException("participant " + id + " already publishes here");
    }
    Publisher publisher = new Publisher(this, id, upstream, extensions);
    publishers.put(id, publisher);
    publisherList.add(publisher);
    return publisher;
  }

  /**
   * A participant's receiving transport: {@code output} carries its media and {@code extensions}
   * are the ids its SDP negotiated; {@code estimator} reads its feedback.
   */
  public Subscriber addSubscriber(
      String id, MediaOutput output, HeaderExtensions extensions, BandwidthEstimator estimator) {
    if (subscribers.containsKey(id)) {
      throw new IllegalArgumentException("participant " + id + " already subscribes here");
    }
    Subscriber subscriber = new Subscriber(this, id, output, extensions, estimator);
    subscribers.put(id, subscriber);
    subscriberList.add(subscriber);
    return subscriber;
  }

  /** The participant left: its tracks, subscriptions and caches are gone. */
  public void remove(String participantId) {
    Publisher publisher = publishers.remove(participantId);
    if (publisher != null) {
      publisherList.remove(publisher);
      publisher.close();
    }
    Subscriber subscriber = subscribers.remove(participantId);
    if (subscriber != null) {
      subscriberList.remove(subscriber);
      subscriber.close();
    }
  }

  /** Everything due by time; call every 20-50 ms. */
  public void tick() {
    long now = nanoTime.getAsLong();
    for (int i = 0; i < publisherList.size(); i++) {
      publisherList.get(i).tick(now);
    }
    for (int i = 0; i < subscriberList.size(); i++) {
      subscriberList.get(i).tick(now);
    }
    speakers.evaluate(now);
  }

  /** The room's dominant speaker, or null before anyone has spoken long enough. */
  public String dominantSpeaker() {
    return speakers.dominant();
  }

  /** Releases every cache; the unit is not used after. */
  public void close() {
    for (String id : List.copyOf(publishers.keySet())) {
      remove(id);
    }
    for (String id : List.copyOf(subscribers.keySet())) {
      remove(id);
    }
    repairScratch.release();
  }

  // For the unit's parts.

  SfuLimits limits() {
    return limits;
  }

  SfuMetrics metrics() {
    return metrics;
  }

  ByteBufAllocator allocator() {
    return allocator;
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }

  DominantSpeaker speakers() {
    return speakers;
  }

  RtpPacket sourceView() {
    return sourceView;
  }

  RtpPacket outgoingView() {
    return outgoingView;
  }

  /** The VP8 descriptor of a packet the unit made, whose payload parsed when it arrived. */
  Vp8Descriptor vp8(RtpPacket packet) {
    try {
      return vp8.parse(
          packet.buffer(), packet.start() + packet.payloadOffset(), packet.payloadLength());
    } catch (RtpParseException impossible) {
      throw new IllegalStateException(
          "a VP8 payload that parsed before no longer does", impossible);
    }
  }

  /** Whether {@code packet} starts a key frame: every Opus packet does. */
  boolean startsKeyFrame(Codec codec, RtpPacket packet) throws RtpParseException {
    int from = packet.start() + packet.payloadOffset();
    int length = packet.payloadLength();
    return switch (codec) {
      case OPUS -> true;
      case VP8 -> length > 0 && vp8.parse(packet.buffer(), from, length).keyFrame();
      case H264 -> H264KeyFrames.startsKeyFrame(packet.buffer(), from, length);
    };
  }

  /**
   * The original packet inside an RTX one of {@code stream} (RFC 4588 section 4), rebuilt in the
   * unit's scratch buffer and viewed by {@code rtx}'s view.
   */
  RtpPacket repaired(RtpPacket rtx, IncomingStream stream) throws RtpParseException {
    if (rtx.payloadLength() < 2 || rtx.length() - 2 > MAX_PACKET) {
      throw new RtpParseException("an RTX packet of " + rtx.payloadLength() + " payload bytes");
    }
    ByteBuf in = rtx.buffer();
    int payload = rtx.start() + rtx.payloadOffset();
    int originalSequence = in.getUnsignedShort(payload);
    repairScratch.clear();
    repairScratch.writeBytes(in, rtx.start(), rtx.payloadOffset());
    repairScratch.writeBytes(in, payload + 2, rtx.payloadLength() - 2);
    repairScratch.setByte(0, repairScratch.getUnsignedByte(0) & ~0x20);
    RtpPacket original = rtx.wrap(repairScratch);
    original.setSsrc(stream.ssrc);
    original.setPayloadType(stream.track.spec().payloadType());
    original.setSequenceNumber(originalSequence);
    return original;
  }

  /** {@code packet} in a buffer for a {@link MediaOutput}. */
  ByteBuf written(RtcpPacket packet) {
    ByteBuf out = allocator.heapBuffer(RTCP_INITIAL);
    packet.write(out);
    out.ensureWritable(MediaOutput.TRAILER_ROOM);
    return out;
  }
}
