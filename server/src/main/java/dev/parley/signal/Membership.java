package dev.parley.signal;

import dev.parley.cluster.Member;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import dev.parley.signal.ResumeTokens.Claims;
import java.util.Collection;

/**
 * Who decides a room's membership beyond this node's own peers: nobody on a single node ({@link
 * LocalMembership}), Redis in a cluster ({@link ClusterMembership}). The room has already taken
 * back a resuming peer it holds itself; the membership settles every other join.
 *
 * <p>Called on the room's executor, one call at a time. A decision may come later, but always as a
 * task on that executor: it ends in {@link Room#admitHere}, {@link Room#enter}, {@link
 * Room#refuseFull} or {@link Room#resumeRefused}.
 */
interface Membership {
  /** Admits a new peer, or refuses it because the room is full. */
  void join(Session session, String peerId, String name);

  /**
   * Takes back a peer of this room that this node does not hold, or refuses the resume: a token
   * resumes once, so the membership refuses one it has seen used or superseded.
   */
  void resume(Session session, Claims claims);

  /** A peer this node holds resumed here: only tokens of {@code serial} resume it from now on. */
  void renewed(String peerId, long serial);

  /** A peer this node holds lost its socket ({@code false}) or got it back. */
  void presence(String peerId, boolean connected);

  /**
   * Calls off the session's join if it is still waiting for an answer.
   *
   * @return {@code false} when no join of this session is on its way
   */
  boolean withdraw(Session session);

  /** One of this node's peers left the room for good. */
  void left(String peerId, LeaveReason reason);

  /**
   * Sends a signal to a peer another node holds.
   *
   * @return {@code false} when no other node holds {@code to}
   */
  boolean forward(String from, String to, RawJson data, Sequence sequence);

  /** The room's peers that other nodes hold, as last heard. */
  Collection<Member> elsewhere();

  boolean isElsewhere(String peerId);

  /**
   * The room was dropped from this node's rooms; called from any thread, perhaps more than once.
   */
  void dropped();
}
