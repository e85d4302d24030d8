package dev.parley.sfu;

import dev.parley.rtp.GenericNack;
import dev.parley.rtp.PictureLossIndication;
import dev.parley.rtp.Remb;
import dev.parley.rtp.RtcpPacket;
import dev.parley.rtp.RtpOrRtcp;
import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpParseException;
import dev.parley.rtp.SenderReport;
import io.netty.buffer.ByteBuf;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One participant's publishing transport: the tracks it sends, the packets that arrive from it
 * (already SRTP-unprotected) and the RTCP the unit sends it (PLI, NACK, REMB). Owned by the unit's
 * thread: call {@link #received} there.
 */
public final class Publisher {
  /** How often the bitrate cap is repeated in REMB: about as often as browsers send theirs. */
  static final long REMB_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ForwardingUnit unit;
  private final String id;
  private final MediaOutput upstream;
  private final HeaderExtensions extensions;
  private final List<PublishedTrack> tracks = new ArrayList<>();
  private final IntObjectHashMap<IncomingStream> media = new IntObjectHashMap<>();
  private final IntObjectHashMap<IncomingStream> repairs = new IntObjectHashMap<>();
  private final BitrateMeter sent = new BitrateMeter();
  final DominantSpeaker.Level speaker;
  private boolean rembSent;
  private long rembSentNanos;
  private boolean closed;

  Publisher(ForwardingUnit unit, String id, MediaOutput upstream, HeaderExtensions extensions) {
    this.unit = unit;
    this.id = id;
    this.upstream = upstream;
    this.extensions = extensions;
    this.speaker = unit.speakers().add(id);
  }

  public String id() {
    return id;
  }

  HeaderExtensions extensions() {
    return extensions;
  }

  public List<PublishedTrack> tracks() {
    return List.copyOf(tracks);
  }

  /**
   * Starts forwarding a track this participant's SDP announced; refused past the unit's track limit
   * or for an SSRC it already sends.
   */
  public PublishedTrack publish(TrackSpec spec) throws SfuLimitException {
    checkOpen();
    int max = unit.limits().maxTracksPerParticipant();
    if (tracks.size() >= max) {
      throw new SfuLimitException(
          "participant "
              + id
              + " already publishes "
              + tracks.size()
              + " tracks, the most one may (media-max-tracks-per-participant is "
              + max
              + ")");
    }
    for (Encoding encoding : spec.encodings()) {
      for (int ssrc : new int[] {encoding.ssrc(), encoding.rtxSsrc()}) {
        if (ssrc != 0 && (media.containsKey(ssrc) || repairs.containsKey(ssrc))) {
          throw new IllegalArgumentException(
              "participant " + id + " already sends SSRC " + Integer.toUnsignedString(ssrc));
        }
      }
    }
    PublishedTrack track = new PublishedTrack(this, spec, unit.allocator());
    for (IncomingStream stream : track.streams) {
      if (stream.ssrc != 0) {
        media.put(stream.ssrc, stream);
      }
      if (stream.rtxSsrc != 0) {
        repairs.put(stream.rtxSsrc, stream);
      }
    }
    tracks.add(track);
    return track;
  }

  /** Stops forwarding the track: its subscriptions end and its cache is released. */
  public void unpublish(PublishedTrack track) {
    if (!tracks.remove(track)) {
      return;
    }
    for (Subscription subscription : List.copyOf(track.subscriptions)) {
      subscription.subscriber().unsubscribe(subscription);
    }
    for (IncomingStream stream : track.streams) {
      media.remove(stream.ssrc);
      repairs.remove(stream.rtxSsrc);
    }
    track.close();
  }

  /** One RTP or RTCP packet from this publisher's transport, SRTP already removed. */
  public void received(ByteBuf datagram) {
    if (closed) {
      return;
    }
    if (RtpOrRtcp.of(datagram) == RtpOrRtcp.RTCP) {
      receivedRtcp(datagram);
    } else {
      receivedRtp(datagram);
    }
  }

  private void receivedRtp(ByteBuf datagram) {
    long now = unit.nanoTime();
    RtpPacket packet = unit.sourceView();
    boolean key;
    IncomingStream stream;
    try {
      packet.wrap(datagram);
      stream = media.get(packet.ssrc());
      if (stream == null && !repairs.containsKey(packet.ssrc())) {
        learn(packet);
        stream = media.get(packet.ssrc());
      }
      if (stream == null && repairs.containsKey(packet.ssrc())) {
        if (packet.payloadLength() == 0) {
          return; // RTX padding: the publisher probing its bandwidth, nothing to forward
        }
        stream = repairs.get(packet.ssrc());
        packet = unit.repaired(packet, stream);
      }
      if (stream == null) {
        unit.metrics().dropped(Drop.UNKNOWN_SSRC);
        return;
      }
      key = unit.startsKeyFrame(stream.track.spec.codec(), packet);
    } catch (RtpParseException malformed) {
      unit.metrics().dropped(Drop.MALFORMED_RTP);
      return;
    }
    sent.add(packet.length(), now);
    if (sent.windowBytes(now) * 8 > 2 * unit.limits().maxPublisherBitrate()) {
      unit.metrics().dropped(Drop.OVER_BITRATE);
      return;
    }
    long sequence = stream.received(packet.sequenceNumber(), packet.length(), now);
    if (sequence < 0) {
      unit.metrics().dropped(Drop.DUPLICATE);
      return;
    }
    stream.cache.put(sequence, packet.buffer(), packet.start(), packet.length());
    int levelId = extensions.audioLevel();
    if (!stream.track.spec.codec().video && levelId != 0) {
      int level = packet.audioLevel(levelId);
      if (level >= 0) {
        DominantSpeaker.heard(speaker, level, now);
      }
    }
    List<Subscription> subscriptions = stream.track.subscriptions;
    for (int i = 0; i < subscriptions.size(); i++) {
      subscriptions.get(i).offer(stream, sequence, packet, key, now);
    }
  }

  /**
   * Binds an SSRC the SDP did not name to the encoding whose mid and rid (or repaired-rid, for its
   * retransmissions) the packet carries; browsers send these on a stream's first packets.
   */
  private void learn(RtpPacket packet) {
    if (extensions.mid() == 0) {
      return;
    }
    for (PublishedTrack track : tracks) {
      if (track.mid == null || !packet.textEquals(extensions.mid(), track.mid)) {
        continue;
      }
      for (IncomingStream stream : track.streams) {
        byte[] rid = track.rids[stream.layer];
        if (rid == null) {
          continue;
        }
        if (stream.ssrc == 0 && extensions.rid() != 0 && packet.textEquals(extensions.rid(), rid)) {
          stream.ssrc = packet.ssrc();
          media.put(stream.ssrc, stream);
          return;
        }
        if (stream.rtxSsrc == 0
            && extensions.repairedRid() != 0
            && packet.textEquals(extensions.repairedRid(), rid)) {
          stream.rtxSsrc = packet.ssrc();
          repairs.put(stream.rtxSsrc, stream);
          return;
        }
      }
    }
  }

  /**
   * The publisher's RTCP is consumed here, never forwarded raw: a sender report reaches each
   * subscription on that layer in the subscription's own terms; SDES, BYE and the rest end here.
   */
  private void receivedRtcp(ByteBuf datagram) {
    List<RtcpPacket> packets;
    try {
      packets = RtcpPacket.parseCompound(datagram);
    } catch (RtpParseException malformed) {
      unit.metrics().dropped(Drop.MALFORMED_RTCP);
      return;
    }
    for (RtcpPacket packet : packets) {
      if (packet instanceof SenderReport report) {
        IncomingStream stream = media.get(report.ssrc());
        if (stream != null) {
          for (Subscription subscription : stream.track.subscriptions) {
            subscription.senderReport(stream, report);
          }
        }
      }
    }
  }

  /** Asks for a key frame on {@code stream}, unless one was asked for just now. */
  void requestKeyFrame(IncomingStream stream, long nowNanos) {
    if (stream.mayAskForKeyFrame(nowNanos)) {
      send(new PictureLossIndication(ForwardingUnit.FEEDBACK_SSRC, stream.ssrc));
      unit.metrics().keyFrameRequested();
    }
  }

  /** NACKs the gaps now due, and repeats the bitrate cap when it is time. */
  void tick(long nowNanos) {
    List<Integer> videoSsrcs = new ArrayList<>();
    for (PublishedTrack track : tracks) {
      for (IncomingStream stream : track.streams) {
        List<Integer> lost = stream.missing.due(nowNanos);
        if (!lost.isEmpty() && stream.ssrc != 0) {
          send(GenericNack.of(ForwardingUnit.FEEDBACK_SSRC, stream.ssrc, lost));
          unit.metrics().nackSent();
        }
        if (track.spec.codec().video && stream.ssrc != 0) {
          videoSsrcs.add(stream.ssrc);
        }
      }
    }
    if (!videoSsrcs.isEmpty() && (!rembSent || nowNanos - rembSentNanos >= REMB_INTERVAL_NANOS)) {
      rembSent = true;
      rembSentNanos = nowNanos;
      send(new Remb(ForwardingUnit.FEEDBACK_SSRC, unit.limits().maxPublisherBitrate(), videoSsrcs));
    }
  }

  private void send(RtcpPacket packet) {
    upstream.send(unit.written(packet));
  }

  void close() {
    closed = true;
    for (PublishedTrack track : List.copyOf(tracks)) {
      unpublish(track);
    }
    unit.speakers().remove(speaker);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("publisher " + id + " has left");
    }
  }

  @Override
  public String toString() {
    return "Publisher[" + id + ", " + tracks.size() + " tracks]";
  }
}
