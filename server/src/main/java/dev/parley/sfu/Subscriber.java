package dev.parley.sfu;

import dev.parley.rtp.FullIntraRequest;
import dev.parley.rtp.GenericNack;
import dev.parley.rtp.PictureLossIndication;
import dev.parley.rtp.Remb;
import dev.parley.rtp.RtcpPacket;
import dev.parley.rtp.RtpOrRtcp;
import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpParseException;
import io.netty.buffer.ByteBuf;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * One participant's receiving transport: its subscriptions (one per track it receives), the
 * feedback it sends (NACK, PLI, FIR, REMB, receiver reports, all consumed here) and the
 * transport-wide numbering of what it is sent. Owned by the unit's thread: call {@link #received}
 * there.
 */
public final class Subscriber {
  private static final int TRANSPORT_SEQUENCE_MASK = 0xFFFF;
  private static final long NANOS_PER_MICRO = 1000;
  private static final long MICROS_PER_SECOND = 1_000_000;
  private static final int ABS_SEND_TIME_FRACTION_BITS = 18;
  private static final int ABS_SEND_TIME_MASK = 0xFF_FFFF;

  /** abs-send-time's 6 bits of seconds wrap every 64 s. */
  private static final long ABS_SEND_TIME_WRAP_MICROS = 64 * MICROS_PER_SECOND;

  private final ForwardingUnit unit;
  private final String id;
  private final MediaOutput output;
  private final HeaderExtensions extensions;
  private final BandwidthEstimator estimator;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final IntObjectHashMap<Subscription> bySsrc = new IntObjectHashMap<>();
  private int transportSequence;
  private boolean closed;

  Subscriber(
      ForwardingUnit unit,
      String id,
      MediaOutput output,
      HeaderExtensions extensions,
      BandwidthEstimator estimator) {
    this.unit = unit;
    this.id = id;
    this.output = output;
    this.extensions = extensions;
    this.estimator = estimator;
  }

  public String id() {
    return id;
  }

  public List<Subscription> subscriptions() {
    return List.copyOf(subscriptions);
  }

  /** The subscriber's estimated bandwidth, bits per second, or -1 before any feedback. */
  public long estimatedBitrate() {
    return estimator.bitsPerSecond(unit.nanoTime());
  }

  /**
   * Starts forwarding {@code track} to this subscriber under the SSRC and payload types its SDP
   * gives, from the lowest layer being sent; a key frame is asked for at once.
   */
  public Subscription subscribe(PublishedTrack track, SubscriptionSpec spec) {
    if (closed || track.isClosed()) {
      throw new IllegalStateException("subscriber " + id + " or track " + track.id() + " is gone");
    }
    for (int ssrc : new int[] {spec.ssrc(), spec.rtxSsrc()}) {
      if (ssrc != 0 && bySsrc.containsKey(ssrc)) {
        throw new IllegalArgumentException(
            "subscriber " + id + " already receives SSRC " + Integer.toUnsignedString(ssrc));
      }
    }
    Subscription subscription =
        new Subscription(
            this, track, spec, track.publisher().extensions().remapTo(extensions), unit.nanoTime());
    subscriptions.add(subscription);
    bySsrc.put(spec.ssrc(), subscription);
    if (spec.rtx()) {
      bySsrc.put(spec.rtxSsrc(), subscription);
    }
    track.subscriptions.add(subscription);
    subscription.start(unit.nanoTime());
    return subscription;
  }

  public void unsubscribe(Subscription subscription) {
    if (subscriptions.remove(subscription)) {
      bySsrc.remove(subscription.spec().ssrc());
      bySsrc.remove(subscription.spec().rtxSsrc());
      subscription.track().subscriptions.remove(subscription);
    }
  }

  /** One RTCP compound from this subscriber's transport, SRTCP already removed. */
  public void received(ByteBuf datagram) {
    if (closed) {
      return;
    }
    if (RtpOrRtcp.of(datagram) != RtpOrRtcp.RTCP) {
      // A subscribing transport carries no media from the browser; anything else is garbage.
      unit.metrics().dropped(Drop.MALFORMED_RTCP);
      return;
    }
    List<RtcpPacket> packets;
    try {
      packets = RtcpPacket.parseCompound(datagram);
    } catch (RtpParseException malformed) {
      unit.metrics().dropped(Drop.MALFORMED_RTCP);
      return;
    }
    long now = unit.nanoTime();
    for (RtcpPacket packet : packets) {
      switch (packet) {
        case GenericNack nack -> {
          unit.metrics().nackReceived();
          Subscription subscription = bySsrc.get(nack.mediaSsrc());
          for (int sequence : nack.lostSequenceNumbers()) {
            unit.metrics()
                .nackAnswered(subscription != null && subscription.retransmit(sequence, now));
          }
        }
        case PictureLossIndication pli -> keyFrameWanted(pli.mediaSsrc(), now);
        case FullIntraRequest fir -> {
          for (FullIntraRequest.Entry entry : fir.entries()) {
            keyFrameWanted(entry.ssrc(), now);
          }
        }
        case Remb remb -> {
          estimator.feedback(remb, now);
          unit.metrics().subscriberBandwidth(remb.bitrate());
        }
        default -> estimator.feedback(packet, now);
      }
    }
  }

  private void keyFrameWanted(int ssrc, long nowNanos) {
    Subscription subscription = bySsrc.get(ssrc);
    if (subscription != null) {
      subscription.keyFrameWanted(nowNanos);
    }
  }

  /** Chooses each video subscription's layer from its share of the estimate. */
  void tick(long nowNanos) {
    long estimate = estimator.bitsPerSecond(nowNanos);
    int video = 0;
    for (Subscription subscription : subscriptions) {
      if (subscription.track().spec().codec().video) {
        video++;
      }
    }
    long budget = estimate < 0 || video == 0 ? -1 : estimate / video;
    for (Subscription subscription : subscriptions) {
      subscription.tick(budget, nowNanos);
    }
  }

  /**
   * Numbers a packet in this transport's sequence (transport-cc) and stamps its send time
   * (abs-send-time, 6.18 fixed-point seconds), where the subscriber negotiated them.
   */
  void stamp(RtpPacket packet, long nowNanos) {
    if (extensions.transportCc() != 0) {
      packet.setTransportSequence(extensions.transportCc(), transportSequence);
      transportSequence = (transportSequence + 1) & TRANSPORT_SEQUENCE_MASK;
    }
    if (extensions.absSendTime() != 0) {
      long micros = Math.floorMod(nowNanos / NANOS_PER_MICRO, ABS_SEND_TIME_WRAP_MICROS);
      int fixed =
          (int)
              (((micros << ABS_SEND_TIME_FRACTION_BITS) / MICROS_PER_SECOND) & ABS_SEND_TIME_MASK);
      packet.setAbsSendTime(extensions.absSendTime(), fixed);
    }
  }

  void send(ByteBuf packet) {
    output.send(packet);
  }

  ForwardingUnit unit() {
    return unit;
  }

  void close() {
    closed = true;
    for (Subscription subscription : List.copyOf(subscriptions)) {
      unsubscribe(subscription);
    }
  }

  @Override
  public String toString() {
    return "Subscriber[" + id + ", " + subscriptions.size() + " subscriptions]";
  }
}
