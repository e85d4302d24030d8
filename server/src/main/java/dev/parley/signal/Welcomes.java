package dev.parley.signal;

import dev.parley.auth.AccessGrant;
import dev.parley.cluster.Member;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.ServerMessage.PeerInfo;
import dev.parley.protocol.ServerMessage.Permissions;
import dev.parley.protocol.ServerMessage.Welcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What a peer is told as it enters a room: who else is there, its ICE servers and resume token. */
final class Welcomes {
  private Welcomes() {}

  /**
   * @param here the room's members on this node, {@code peer} among them or not
   * @param elsewhere the room's peers that other nodes hold
   */
  static Welcome of(
      String room,
      Peer peer,
      boolean resumed,
      MediaMode media,
      Collection<Peer> here,
      Collection<Member> elsewhere,
      RoomContext context) {
    List<PeerInfo> others = new ArrayList<>(here.size() + elsewhere.size());
    for (Peer other : here) {
      if (other != peer) {
        others.add(other.info);
      }
    }
    for (Member other : elsewhere) {
      others.add(new PeerInfo(other.peerId(), other.name()));
    }
    AccessGrant grant = peer.session.grant();
    return new Welcome(
        peer.id,
        room,
        others,
        context.iceServers().apply(peer.id),
        context.tokens().issue(room, peer.id, peer.name, peer.resumeSerial),
        resumed,
        new Permissions(grant.canPublish(), grant.canSendData()),
        media);
  }
}
