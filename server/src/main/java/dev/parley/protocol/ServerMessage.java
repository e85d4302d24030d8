package dev.parley.protocol;

import java.util.List;

/** A message from the server to a client; {@link ServerCodec} writes it. */
public sealed interface ServerMessage {

  /** A peer as others see it. {@code name} may be {@code null}. */
  record PeerInfo(String peerId, String name) {}

  /** An RTCIceServer entry; {@code username} and {@code credential} are {@code null} for STUN. */
  record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
      urls = List.copyOf(urls);
    }
  }

  /**
   * What the peer's access token allows it to send. Advice for its client: media and data flow
   * between peers, where the server cannot see them.
   */
  record Permissions(boolean publish, boolean data) {}

  record Welcome(
      String peerId,
      String room,
      List<PeerInfo> peers,
      List<IceServer> iceServers,
      String resume,
      boolean resumed,
      Permissions permissions,
      MediaMode media)
      implements ServerMessage {
    public Welcome {
      peers = List.copyOf(peers);
      iceServers = List.copyOf(iceServers);
    }
  }

  record PeerJoined(PeerInfo peer) implements ServerMessage {}

  record PeerLeft(String peerId, LeaveReason reason) implements ServerMessage {}

  /**
   * A {@code signal} relayed from {@code from}; {@code data} is the sender's exact JSON, {@code
   * sequence} its delivery numbers, unchanged.
   */
  record Relayed(String from, RawJson data, Sequence sequence) implements ServerMessage {}

  record Error(ErrorCode code, String message) implements ServerMessage {}

  record GoAway(long reconnectInMs) implements ServerMessage {}

  record Pong() implements ServerMessage {
    public static final Pong INSTANCE = new Pong();
  }

  /** The room turned to this mode; everyone in it is told (only ever to {@code sfu}). */
  record MediaChanged(MediaMode mode) implements ServerMessage {}

  /** The server's answer to the client's latest {@code publish}. */
  record PublishAnswer(String sdp) implements ServerMessage {}

  /** One track the subscribe connection carries: whose it is, and its m= section. */
  record OfferedTrack(String trackId, String peerId, String kind, String mid) {}

  /**
   * The server's (re)offer for the subscribe connection, with every track it now forwards to this
   * client.
   */
  record SubscribeOffer(String sdp, List<OfferedTrack> tracks) implements ServerMessage {
    public SubscribeOffer {
      tracks = List.copyOf(tracks);
    }
  }

  /** The room's dominant speaker changed; {@code peerId} is {@code null} when no one speaks. */
  record Speaker(String peerId) implements ServerMessage {}

  /** A legacy-mode frame forwarded unchanged to the other legacy connections. */
  record LegacyFrame(RawJson frame) implements ServerMessage {}
}
