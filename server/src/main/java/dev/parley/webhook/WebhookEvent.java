package dev.parley.webhook;

import java.time.Instant;

/**
 * What Parley tells a backend about its rooms, one event per webhook request. Every event names its
 * room, the node that saw it happen, when, and a unique id a receiver can use to discard a retried
 * delivery it already processed. Immutable.
 */
public sealed interface WebhookEvent {
  /** Unique per event; the same on every retry of it. */
  String id();

  Instant time();

  /** The node that reports it: in a cluster exactly one node sends each event. */
  String node();

  String room();

  /** The first peer entered a room that had none, on any node. */
  record RoomStarted(String id, Instant time, String node, String room) implements WebhookEvent {}

  /** The last peer left a room for good (after its resume window, if it dropped). */
  record RoomFinished(String id, Instant time, String node, String room) implements WebhookEvent {}

  /**
   * A peer entered a room (a resume is not a new entry).
   *
   * @param name its display name, or {@code null}
   * @param identity the access token's subject ({@code sub}), or {@code null} in open mode
   */
  record PeerJoined(String id, Instant time, String node, String room, Peer peer)
      implements WebhookEvent {}

  /** A peer is gone for good: it left, timed out after its resume window, or was kicked. */
  record PeerLeft(String id, Instant time, String node, String room, Peer peer, String reason)
      implements WebhookEvent {}

  /**
   * @param name its display name, or {@code null}
   * @param identity the access token's subject ({@code sub}), or {@code null} in open mode
   */
  record Peer(String peerId, String name, String identity) {}

  /** The {@code type} of the event on the wire. */
  static String type(WebhookEvent event) {
    return switch (event) {
      case RoomStarted started -> "room-started";
      case RoomFinished finished -> "room-finished";
      case PeerJoined joined -> "peer-joined";
      case PeerLeft left -> "peer-left";
    };
  }
}
