package dev.parley.media;

import dev.parley.dtls.DtlsEndpoint;
import dev.parley.protocol.ServerMessage.OfferedTrack;
import dev.parley.protocol.ServerMessage.SubscribeOffer;
import dev.parley.sdp.Attribute.Msid;
import dev.parley.sdp.ForwardedTrack;
import dev.parley.sdp.LocalTransport;
import dev.parley.sdp.MediaSection;
import dev.parley.sdp.NegotiationException;
import dev.parley.sdp.SdpWriter;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.SubscribeAnswer;
import dev.parley.sdp.SubscribeOffers;
import dev.parley.sfu.ForwardingUnit;
import dev.parley.sfu.PublishedTrack;
import dev.parley.sfu.RembEstimator;
import dev.parley.sfu.Subscriber;
import dev.parley.sfu.Subscription;
import dev.parley.sfu.SubscriptionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A participant's subscribe connection: the server offers, the browser answers. One offer is out at
 * a time; a change while it is (a track came or went) makes another once it is answered, so offers
 * never cross. Each forwarded track keeps its SSRCs for as long as it is forwarded. Confined to the
 * media event loop.
 */
final class SubscribeConnection {
  /** One forwarded track: the unit's track, how the SDP states it, what the unit sends under it. */
  private record Offered(PublishedTrack track, ForwardedTrack sdp) {}

  private final String participantId;
  private final MediaConnection connection;
  private final LocalTransport local;

  /** Tracks of the offer that is out, or of the last one answered, by track id. */
  private final Map<String, Offered> offered = new LinkedHashMap<>();

  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private SessionDescription answered;
  private SessionDescription pending;
  private boolean stale;
  private Subscriber subscriber;

  SubscribeConnection(String participantId, MediaConnection connection, LocalTransport local) {
    this.participantId = participantId;
    this.connection = connection;
    this.local = local;
  }

  MediaConnection connection() {
    return connection;
  }

  /**
   * The offer for forwarding exactly these tracks, or null: while an offer is out (one follows its
   * answer), when nothing changed, or before there is anything to receive.
   */
  SubscribeOffer offer(List<PublishedTrack> tracks) {
    if (pending != null) {
      stale = true;
      return null;
    }
    Map<String, Offered> next = new LinkedHashMap<>();
    for (PublishedTrack track : tracks) {
      Offered kept = offered.get(track.id());
      // A track published again under its old id (a new publish connection) is a new track.
      next.put(
          track.id(), kept != null && kept.track() == track ? kept : newlyOffered(track, next));
    }
    if (next.equals(offered) && (answered != null || next.isEmpty())) {
      return null;
    }
    offered.clear();
    offered.putAll(next);
    pending =
        SubscribeOffers.offer(next.values().stream().map(Offered::sdp).toList(), local, answered);
    List<OfferedTrack> listed = new ArrayList<>();
    for (MediaSection section : pending.media()) {
      Offered track =
          section.port() == 0
              ? null
              : section.first(Msid.class).map(Msid::track).map(next::get).orElse(null);
      if (track == null) {
        continue; // gone, or the idle section that keeps the transport up
      }
      listed.add(
          new OfferedTrack(
              track.sdp().track(),
              track.sdp().stream(),
              track.sdp().kind().sdpName(),
              section.mid().orElseThrow()));
    }
    return new SubscribeOffer(SdpWriter.write(pending), listed);
  }

  /** SSRCs no other stream of this connection has; 0 and the unit's feedback SSRC are taken. */
  private Offered newlyOffered(PublishedTrack track, Map<String, Offered> others) {
    Set<Long> taken = new HashSet<>(List.of(0L, 1L));
    for (Map<String, Offered> map : List.of(offered, others)) {
      for (Offered other : map.values()) {
        taken.add(other.sdp().ssrc());
        other.sdp().rtxSsrc().ifPresent(taken::add);
      }
    }
    dev.parley.sdp.Codec codec = TrackSpecs.codec(track.spec().codec());
    long ssrc = freeSsrc(taken);
    taken.add(ssrc);
    OptionalLong rtx =
        codec.rtxPayloadType() >= 0 ? OptionalLong.of(freeSsrc(taken)) : OptionalLong.empty();
    ForwardedTrack sdp = new ForwardedTrack(track.id(), track.publisher().id(), codec, ssrc, rtx);
    return new Offered(track, sdp);
  }

  private static long freeSsrc(Set<Long> taken) {
    while (true) {
      long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
      if (!taken.contains(ssrc)) {
        return ssrc;
      }
    }
  }

  /**
   * The browser's answer to the offer that is out: the first starts the connection's ICE and DTLS
   * and makes it the unit's subscriber; every answer starts forwarding the tracks it accepted and
   * stops the others.
   *
   * @return whether the tracks changed while the offer was out, so another is due
   * @throws NegotiationException when no offer is out or the answer does not fit it
   */
  boolean answered(SessionDescription sdp, ForwardingUnit unit, DtlsEndpoint dtls)
      throws NegotiationException {
    if (pending == null) {
      throw new NegotiationException("no subscribe-offer is waiting for an answer");
    }
    Set<String> accepted = new HashSet<>();
    if (pending.media().stream()
        .noneMatch(section -> section.port() != 0 && section.first(Msid.class).isPresent())) {
      // Every track went: the answer can accept nothing, and its transport is the one it had.
      if (sdp.media().size() != pending.media().size()) {
        throw new NegotiationException(
            "the answer has "
                + sdp.media().size()
                + " m= sections, the offer "
                + pending.media().size());
      }
    } else {
      accepted.addAll(read(sdp, unit, dtls));
    }
    stopAllBut(accepted);
    for (String trackId : accepted) {
      Offered track = offered.get(trackId);
      if (track != null && !track.track().isClosed() && !subscriptions.containsKey(trackId)) {
        ForwardedTrack stated = track.sdp();
        subscriptions.put(
            trackId,
            subscriber.subscribe(
                track.track(),
                new SubscriptionSpec(
                    (int) stated.ssrc(),
                    stated.codec().payloadType(),
                    (int) stated.rtxSsrc().orElse(0),
                    stated.codec().rtxPayloadType())));
      }
    }
    answered = pending;
    pending = null;
    boolean again = stale;
    stale = false;
    return again;
  }

  /**
   * Reads an answer that accepts sections: the first starts the connection's ICE and DTLS and makes
   * it the unit's subscriber. Returns the ids of the tracks it accepted.
   */
  private Set<String> read(SessionDescription sdp, ForwardingUnit unit, DtlsEndpoint dtls)
      throws NegotiationException {
    SubscribeAnswer answer = SubscribeAnswer.read(pending, sdp);
    if (subscriber == null) {
      connection.ice().answered(answer.remote().iceUfrag());
      connection.startDtls(dtls, answer.remote().fingerprint());
      subscriber =
          unit.addSubscriber(
              participantId,
              connection,
              TrackSpecs.subscribing(answer.extensions().values()),
              new RembEstimator());
      connection.inbound(subscriber::received);
    } else if (!answer.remote().iceUfrag().equals(connection.ice().remoteUfrag())) {
      throw new NegotiationException(
          "a=ice-ufrag:"
              + answer.remote().iceUfrag()
              + " restarts ICE, which the subscribe connection does not support; leave and rejoin");
    }
    Set<String> accepted = new HashSet<>();
    for (MediaSection section : pending.media()) {
      if (section.port() != 0 && answer.acceptedMids().contains(section.mid().orElseThrow())) {
        section.first(Msid.class).map(Msid::track).ifPresent(accepted::add);
      }
    }
    return accepted;
  }

  /** Ends the subscriptions of tracks not accepted any more, or gone. */
  private void stopAllBut(Set<String> accepted) {
    subscriptions
        .entrySet()
        .removeIf(
            entry -> {
              boolean gone =
                  !accepted.contains(entry.getKey()) || entry.getValue().track().isClosed();
              if (gone && subscriber != null) {
                subscriber.unsubscribe(entry.getValue());
              }
              return gone;
            });
  }

  /** The size the browser renders a track at: the layer it needs, the lowest when 0 x 0. */
  void render(String trackId, int width, int height) {
    Subscription subscription = subscriptions.get(trackId);
    if (subscription == null) {
      return; // gone meanwhile, or never offered: nothing to size
    }
    if (width == 0 || height == 0) {
      subscription.maxLayer(0);
    } else {
      subscription.maxLayer(Integer.MAX_VALUE);
      subscription.preferredSize(width, height);
    }
  }
}
