package dev.parley.signal;

import dev.parley.cluster.Member;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import dev.parley.signal.ResumeTokens.Claims;
import dev.parley.webhook.Webhooks;
import java.util.Collection;
import java.util.List;

/** The membership of a room on a single node: every peer is here, so every answer is at once. */
final class LocalMembership implements Membership {
  private final Room room;
  private final long startedAtMillis;
  private final ResumeTokens tokens;
  private final Webhooks webhooks;

  /**
   * @param startedAtMillis resume tokens issued before this come from an earlier run of the server
   */
  LocalMembership(Room room, long startedAtMillis, ResumeTokens tokens, Webhooks webhooks) {
    this.room = room;
    this.startedAtMillis = startedAtMillis;
    this.tokens = tokens;
    this.webhooks = webhooks;
  }

  @Override
  public void join(Session session, String peerId, String name) {
    if (room.members().isEmpty()) {
      webhooks.roomStarted(room.name); // every join is admitted at once, so this one will be
    }
    room.admitHere(session, peerId, name, false);
  }

  @Override
  public void resume(Session session, Claims claims) {
    if (claims.issuedAtMillis() < startedAtMillis && tokens.spend(claims)) {
      // The server restarted under the peer, which gets its old id back; the others see it
      // arrive again, which their clients take in stride.
      room.admitHere(session, claims.peerId(), claims.name(), true);
    } else {
      // Issued by this very server for a peer that is no longer here (it left or timed out),
      // or taken back once already since the restart.
      room.resumeRefused(session);
    }
  }

  @Override
  public void renewed(String peerId, long serial) {
    // The room itself keeps the serial: nobody else needs it.
  }

  @Override
  public void presence(String peerId, boolean connected) {
    // The admin API asks the room itself.
  }

  @Override
  public boolean withdraw(Session session) {
    return false; // joins are answered at once: none is ever on its way
  }

  @Override
  public void left(String peerId, LeaveReason reason) {
    if (room.members().isEmpty()) {
      webhooks.roomFinished(room.name);
    }
  }

  @Override
  public boolean forward(String from, String to, RawJson data, Sequence sequence) {
    return false;
  }

  @Override
  public Collection<Member> elsewhere() {
    return List.of();
  }

  @Override
  public boolean isElsewhere(String peerId) {
    return false;
  }

  @Override
  public void dropped() {
    // Nothing outside this node watches the room.
  }
}
