package dev.parley.signal;

import dev.parley.protocol.ClientMessage.Legacy;
import dev.parley.protocol.ClientMessage.LegacyKind;
import dev.parley.protocol.ServerMessage.LegacyFrame;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Legacy mode: the seed tutorial's protocol, where every message goes to every other client.
 *
 * <p>Its clients must first be heard from before anyone knows they are legacy, yet the tutorial's
 * callee sends nothing until it receives an offer. So every new connection is in the audience until
 * it speaks protocol v1, and a connection whose first message is legacy becomes a member for good.
 *
 * <p>The tutorial's client drops ICE candidates that reach it before its remote description is set,
 * which fails about one call in three. So candidates to a client are held until it has both sent
 * its own description (the callee sets the remote offer before answering) and been handed one at
 * least {@code candidateDelay} ago (the caller's {@code setRemoteDescription} of the answer runs
 * asynchronously), then released in order. A page that stalls (a busy machine, a throttled
 * background tab) can still run the candidates before the description, so the candidates of a
 * negotiation's first moments are sent once more {@link #REPEAT_AFTER} later: a repeated candidate
 * is harmless, a dropped one can fail the call behind NAT.
 *
 * <p>Threading: an actor on {@link #executor}; public methods only enqueue.
 */
final class LegacyGroup {
  /** Candidates held per client; a client never sends this many before its description. */
  static final int MAX_HELD = 512;

  /** When, after a description was handed over, the candidates sent since are repeated. */
  static final Duration REPEAT_AFTER = Duration.ofSeconds(2);

  private final EventExecutor executor;
  private final long delayNanos;
  private final Map<Session, Member> members = new LinkedHashMap<>();

  private static final class Member {
    final Session session;
    boolean sentDescription;

    /** {@link System#nanoTime()} when it was last handed a description; 0 when none awaits. */
    long handedDescriptionAt;

    final ArrayDeque<LegacyFrame> held = new ArrayDeque<>();
    ScheduledFuture<?> release;

    /** Candidates sent since the last description was handed over, to be repeated once. */
    final ArrayDeque<LegacyFrame> sentSinceDescription = new ArrayDeque<>();

    ScheduledFuture<?> repeat;

    Member(Session session) {
      this.session = session;
    }
  }

  LegacyGroup(EventExecutor executor, Duration candidateDelay) {
    this.executor = executor;
    this.delayNanos = candidateDelay.toNanos();
  }

  void add(Session session) {
    executor.execute(() -> members.putIfAbsent(session, new Member(session)));
  }

  void remove(Session session) {
    executor.execute(
        () -> {
          Member member = members.remove(session);
          if (member != null) {
            cancel(member.release);
            cancel(member.repeat);
          }
        });
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }

  void relay(Session from, Legacy message) {
    executor.execute(() -> relayNow(from, message));
  }

  private void relayNow(Session from, Legacy message) {
    Member sender = members.computeIfAbsent(from, Member::new);
    LegacyFrame frame = new LegacyFrame(message.frame());
    long now = System.nanoTime();
    for (Member receiver : members.values()) {
      if (receiver == sender) {
        continue;
      }
      if (message.kind().isDescription()) {
        receiver.session.send(frame);
        receiver.handedDescriptionAt = now;
        receiver.sentSinceDescription.clear();
        cancel(receiver.repeat);
        receiver.repeat = null;
        scheduleRelease(receiver, now);
      } else if (receiver.held.isEmpty() && ready(receiver, now)) {
        sendCandidate(receiver, frame, now);
      } else {
        if (receiver.held.size() == MAX_HELD) {
          receiver.held.removeFirst();
        }
        receiver.held.addLast(frame);
        scheduleRelease(receiver, now);
      }
    }
    if (message.kind().isDescription()) {
      sender.sentDescription = true;
      if (message.kind() == LegacyKind.OFFER) {
        // A new offer starts a new negotiation: its candidates wait for the answer.
        sender.handedDescriptionAt = 0;
      }
      scheduleRelease(sender, now);
    }
  }

  private boolean ready(Member member, long now) {
    return member.sentDescription
        && member.handedDescriptionAt != 0
        && now - member.handedDescriptionAt >= delayNanos;
  }

  private void scheduleRelease(Member member, long now) {
    if (member.held.isEmpty() || !member.sentDescription || member.handedDescriptionAt == 0) {
      return;
    }
    cancel(member.release);
    long wait = Math.max(0, member.handedDescriptionAt + delayNanos - now);
    member.release = executor.schedule(() -> release(member), wait, TimeUnit.NANOSECONDS);
  }

  private void release(Member member) {
    member.release = null;
    if (members.get(member.session) != member || !ready(member, System.nanoTime())) {
      return;
    }
    long now = System.nanoTime();
    while (!member.held.isEmpty()) {
      sendCandidate(member, member.held.removeFirst(), now);
    }
  }

  private void sendCandidate(Member member, LegacyFrame candidate, long now) {
    member.session.send(candidate);
    long repeatAt = member.handedDescriptionAt + REPEAT_AFTER.toNanos();
    if (member.handedDescriptionAt == 0
        || now >= repeatAt
        || member.sentSinceDescription.size() == MAX_HELD) {
      return;
    }
    member.sentSinceDescription.addLast(candidate);
    if (member.repeat == null) {
      member.repeat = executor.schedule(() -> repeat(member), repeatAt - now, TimeUnit.NANOSECONDS);
    }
  }

  private void repeat(Member member) {
    member.repeat = null;
    if (members.get(member.session) != member) {
      return;
    }
    while (!member.sentSinceDescription.isEmpty()) {
      member.session.send(member.sentSinceDescription.removeFirst());
    }
  }
}
