package dev.parley.media;

import dev.parley.ice.IceTransport;
import dev.parley.ice.TransportLimitException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.PublishAnswer;
import dev.parley.protocol.ServerMessage.Speaker;
import dev.parley.protocol.ServerMessage.SubscribeOffer;
import dev.parley.sdp.AnswerPolicy;
import dev.parley.sdp.NegotiationException;
import dev.parley.sdp.PublishAnswerer;
import dev.parley.sdp.PublishSession;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SdpWriter;
import dev.parley.sdp.SessionDescription;
import dev.parley.sfu.ForwardingUnit;
import dev.parley.sfu.PublishedTrack;
import dev.parley.sfu.Publisher;
import dev.parley.sfu.SfuLimitException;
import dev.parley.sfu.SpeakerListener;
import dev.parley.signal.MediaListener;
import dev.parley.signal.RoomMedia;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One SFU room's media: its participants' connections and its forwarding unit, ticked while it has
 * participants. Publishing a track re-offers every other participant's subscribe connection, and so
 * does a track that goes. A participant whose connection closes (consent expired, DTLS failed)
 * loses its media and starts over with its next publish. Everything runs on the media event loop;
 * the room's calls arrive there as tasks.
 */
final class SfuRoom implements RoomMedia, SpeakerListener {
  /** Within the unit's 20-50 ms: NACKs go out promptly, and ticking costs little. */
  private static final long TICK_MILLIS = 25;

  /** At most one speaker change a second: tiles that jump faster only distract. */
  private static final long SPEAKER_HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final MediaRooms media;
  private final String name;
  private final MediaListener listener;
  private final EventLoop loop;
  private final Map<String, Participant> participants = new LinkedHashMap<>();
  private ForwardingUnit unit;
  private ScheduledFuture<?> ticks;
  private String speaker;
  private String announced;
  private long announcedAt;
  private boolean closed;

  /** A participant's connections and its published tracks, by mid. */
  private static final class Participant {
    final String id;
    final Map<String, PublishedTrack> tracks = new LinkedHashMap<>();
    MediaConnection publish;
    Publisher publisher;
    SubscribeConnection subscribe;

    Participant(String id) {
      this.id = id;
    }
  }

  SfuRoom(MediaRooms media, String name, MediaListener listener) {
    this.media = media;
    this.name = name;
    this.listener = listener;
    this.loop = media.ice.eventLoop();
  }

  @Override
  public void joined(String peerId) {
    onLoop(() -> offer(participants.computeIfAbsent(peerId, Participant::new)));
  }

  @Override
  public void publish(String peerId, String sdp) {
    onLoop(() -> published(peerId, sdp));
  }

  @Override
  public void subscribeAnswer(String peerId, String sdp) {
    onLoop(() -> answered(peerId, sdp));
  }

  @Override
  public void render(String peerId, String trackId, int width, int height) {
    onLoop(
        () -> {
          Participant participant = participants.get(peerId);
          if (participant != null && participant.subscribe != null) {
            participant.subscribe.render(trackId, width, height);
          }
        });
  }

  @Override
  public void left(String peerId) {
    onLoop(() -> drop(peerId));
  }

  @Override
  public void close() {
    onLoop(
        () -> {
          for (String id : List.copyOf(participants.keySet())) {
            drop(id);
          }
          stopUnit();
          closed = true;
          media.rooms.decrementAndGet();
        });
  }

  @Override
  public void dominantSpeakerChanged(String participantId) {
    speaker = participantId;
  }

  private void onLoop(Runnable task) {
    MediaRooms.post(
        loop,
        () -> {
          if (!closed) {
            task.run();
          }
        });
  }

  private void published(String peerId, String sdp) {
    Participant participant = participants.get(peerId);
    if (participant == null) {
      return;
    }
    SessionDescription offer;
    try {
      offer = SdpParser.parse(sdp);
    } catch (SdpParseException e) {
      refuse(peerId, ErrorCode.BAD_SDP, "the publish offer: " + e.getMessage());
      return;
    }
    MediaConnection connection = participant.publish;
    boolean fresh = connection == null;
    if (fresh && (connection = newConnection(participant)) == null) {
      return;
    }
    PublishSession session;
    try {
      session =
          PublishAnswerer.answer(
              offer, connection.local(media.dtls, media.ice.candidates()), AnswerPolicy.DEFAULT);
    } catch (NegotiationException e) {
      if (fresh) {
        connection.close();
      }
      refuse(peerId, ErrorCode.BAD_SDP, "the publish offer: " + e.getMessage());
      return;
    }
    if (fresh) {
      connection.ice().answered(session.remote().iceUfrag());
      connection.startDtls(media.dtls, session.remote().fingerprint());
      participant.publish = connection;
      ensureUnit();
      participant.publisher =
          unit.addPublisher(peerId, connection, TrackSpecs.publishing(session.tracks()));
      connection.inbound(participant.publisher::received);
    } else if (!session.remote().iceUfrag().equals(connection.ice().remoteUfrag())) {
      refuse(
          peerId,
          ErrorCode.BAD_SDP,
          "the publish offer restarts ICE (a=ice-ufrag:"
              + session.remote().iceUfrag()
              + "), which is not supported yet; leave and rejoin");
      return;
    }
    boolean changed = updateTracks(participant, session.tracks());
    listener.send(peerId, new PublishAnswer(SdpWriter.write(session.answer())));
    if (changed) {
      offerToAllBut(participant);
    }
  }

  /** Starts forwarding the tracks the answer accepted that are new, and stops those gone. */
  private boolean updateTracks(Participant participant, List<dev.parley.sdp.PublishedTrack> now) {
    boolean changed = false;
    Set<String> mids = new HashSet<>();
    for (dev.parley.sdp.PublishedTrack track : now) {
      mids.add(track.mid());
      if (participant.tracks.containsKey(track.mid())) {
        continue;
      }
      try {
        participant.tracks.put(
            track.mid(), participant.publisher.publish(TrackSpecs.of(participant.id, track)));
        changed = true;
      } catch (SfuLimitException e) {
        refuse(participant.id, ErrorCode.MEDIA_LIMIT, e.getMessage());
      } catch (IllegalArgumentException e) {
        refuse(participant.id, ErrorCode.BAD_SDP, "the publish offer: " + e.getMessage());
      }
    }
    for (String mid : List.copyOf(participant.tracks.keySet())) {
      if (!mids.contains(mid)) {
        participant.publisher.unpublish(participant.tracks.remove(mid));
        changed = true;
      }
    }
    return changed;
  }

  private void answered(String peerId, String sdp) {
    Participant participant = participants.get(peerId);
    if (participant == null) {
      return;
    }
    if (participant.subscribe == null) {
      refuse(peerId, ErrorCode.BAD_SDP, "no subscribe-offer is waiting for an answer");
      return;
    }
    try {
      ensureUnit();
      if (participant.subscribe.answered(SdpParser.parse(sdp), unit, media.dtls)) {
        offer(participant);
      }
    } catch (SdpParseException | NegotiationException e) {
      refuse(peerId, ErrorCode.BAD_SDP, "the subscribe answer: " + e.getMessage());
    }
  }

  private void offerToAllBut(Participant publisher) {
    for (Participant other : participants.values()) {
      if (other != publisher) {
        offer(other);
      }
    }
  }

  /** Offers a participant every other participant's tracks, if that changes what it receives. */
  private void offer(Participant participant) {
    List<PublishedTrack> tracks = new ArrayList<>();
    for (Participant other : participants.values()) {
      if (other != participant) {
        tracks.addAll(other.tracks.values());
      }
    }
    if (participant.subscribe == null) {
      MediaConnection connection;
      if (tracks.isEmpty() || (connection = newConnection(participant)) == null) {
        return;
      }
      participant.subscribe =
          new SubscribeConnection(
              participant.id, connection, connection.local(media.dtls, media.ice.candidates()));
    }
    SubscribeOffer offer = participant.subscribe.offer(tracks);
    if (offer != null) {
      listener.send(participant.id, offer);
    }
  }

  /** A connection on a new transport of the media port, or null (and the participant told). */
  private MediaConnection newConnection(Participant participant) {
    IceTransport ice;
    try {
      ice = media.ice.newOfferingTransport();
    } catch (TransportLimitException e) {
      refuse(participant.id, ErrorCode.MEDIA_LIMIT, e.getMessage());
      return null;
    }
    MediaConnection connection = new MediaConnection(ice, loop, media.allocator, media.metrics);
    connection.onClose(() -> connectionClosed(participant, connection));
    return connection;
  }

  /**
   * A connection closed that its participant did not close by leaving: its media is gone, and the
   * others' offers drop its tracks; its next publish, or the next offer, starts it afresh.
   */
  private void connectionClosed(Participant participant, MediaConnection connection) {
    if (closed || participants.get(participant.id) != participant) {
      return;
    }
    boolean ours =
        participant.publish == connection
            || (participant.subscribe != null && participant.subscribe.connection() == connection);
    if (ours) {
      drop(participant.id);
      Participant fresh = new Participant(participant.id);
      participants.put(fresh.id, fresh);
      ensureUnit();
      offer(fresh);
    }
  }

  private void drop(String peerId) {
    Participant participant = participants.remove(peerId);
    if (participant == null) {
      return;
    }
    if (participant.publish != null) {
      participant.publish.close();
    }
    if (participant.subscribe != null) {
      participant.subscribe.connection().close();
    }
    if (unit != null) {
      unit.remove(peerId);
    }
    if (!participant.tracks.isEmpty()) {
      offerToAllBut(participant);
    }
    if (participants.isEmpty()) {
      stopUnit();
    }
  }

  private void ensureUnit() {
    if (unit != null) {
      return;
    }
    unit =
        new ForwardingUnit(media.limits, media.sfuMetrics, media.allocator, System::nanoTime, this);
    announcedAt = System.nanoTime() - SPEAKER_HOLD_NANOS;
    ticks = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    media.ticking.incrementAndGet();
  }

  private void stopUnit() {
    if (unit == null) {
      return;
    }
    ticks.cancel(false);
    unit.close();
    unit = null;
    speaker = null;
    announced = null;
    media.ticking.decrementAndGet();
  }

  private void tick() {
    if (unit == null) {
      return;
    }
    unit.tick();
    long now = System.nanoTime();
    if (!Objects.equals(speaker, announced) && now - announcedAt >= SPEAKER_HOLD_NANOS) {
      announced = speaker;
      announcedAt = now;
      listener.sendAll(new Speaker(speaker));
    }
  }

  private void refuse(String peerId, ErrorCode code, String message) {
    listener.send(peerId, new ServerMessage.Error(code, message));
  }

  @Override
  public String toString() {
    return "SfuRoom[" + name + ", " + participants.size() + " participants]";
  }
}
