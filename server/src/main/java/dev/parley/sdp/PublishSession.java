package dev.parley.sdp;

import java.util.List;

/**
 * A negotiated publish connection: the answer to send back, the browser's transport for the ICE
 * agent and the DTLS handshake, and the tracks accepted, in m= order.
 */
public record PublishSession(
    SessionDescription answer, RemoteTransport remote, List<PublishedTrack> tracks) {
  public PublishSession {
    tracks = List.copyOf(tracks);
  }
}
