package dev.parley.signal;

import dev.parley.cluster.Member;
import dev.parley.cluster.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peers of one room that other nodes hold, as this node last heard from Redis. Events keep it
 * current; the snapshot every heartbeat brings repairs what events could not (events published
 * while Redis was unreachable are lost, and a Redis that restarted empty starts counting again).
 *
 * <p>Only touched on its room's executor.
 */
final class RemotePeers {
  /** What a snapshot changed that no event had said: to be told to this node's peers. */
  record Repair(List<Member> appeared, List<String> vanished, boolean redisRestarted) {}

  private final String node;
  private final Map<String, Member> byId = new LinkedHashMap<>();

  /**
   * Peers that left, with the number of that event, so an older snapshot does not bring them back.
   */
  private final Map<String, Long> departed = new HashMap<>();

  /** Number of the last room event received. */
  private long lastEvent;

  /** A snapshot number ahead of the events, seen once: seen twice, its events were lost. */
  private long ahead = -1;

  /**
   * Peers the last snapshot lacked without an event saying they left. Only a second snapshot
   * without them makes them gone: after Redis restarted empty, each node puts its own peers back at
   * its next heartbeat, not all at once.
   */
  private final Set<String> missing = new HashSet<>();

  RemotePeers(String node) {
    this.node = node;
  }

  Member get(String peerId) {
    return byId.get(peerId);
  }

  Collection<Member> all() {
    return byId.values();
  }

  /**
   * Records an event's number; {@code false} when numbering started again (Redis restarted empty).
   */
  boolean event(long seq) {
    boolean inOrder = seq > lastEvent;
    lastEvent = seq;
    return inOrder;
  }

  void put(Member member) {
    if (!member.node().equals(node)) {
      byId.put(member.peerId(), member);
    }
  }

  Member remove(String peerId, long seq) {
    departed.put(peerId, seq);
    return byId.remove(peerId);
  }

  /** Drops a peer that moved to this node: no one left. */
  void forget(String peerId) {
    byId.remove(peerId);
  }

  /** Adds what a join or resume snapshot knows and the events have not told yet. */
  void merge(Snapshot snapshot) {
    for (Member member : snapshot.members()) {
      Long left = departed.get(member.peerId());
      if ((left == null || left < snapshot.seq()) && !byId.containsKey(member.peerId())) {
        put(member);
      }
    }
  }

  /**
   * Brings the view in line with a refresh snapshot, if it is safe to; {@code null} when nothing is
   * to be told.
   */
  Repair reconcile(Snapshot snapshot) {
    boolean restarted = snapshot.seq() < lastEvent;
    boolean lost = snapshot.seq() > lastEvent && snapshot.seq() == ahead;
    if (snapshot.seq() > lastEvent && !lost) {
      ahead = snapshot.seq(); // events still on their way, most likely: look again next time
      return null;
    }
    ahead = -1;
    lastEvent = snapshot.seq();
    departed.clear();
    Map<String, Member> truth = new LinkedHashMap<>();
    for (Member member : snapshot.members()) {
      if (!member.node().equals(node)) {
        truth.put(member.peerId(), member);
      }
    }
    List<Member> appeared = new ArrayList<>();
    for (Member member : truth.values()) {
      if (!byId.containsKey(member.peerId())) {
        appeared.add(member);
      }
    }
    List<String> vanished = new ArrayList<>();
    Set<String> stillMissing = new HashSet<>();
    for (Member member : byId.values()) {
      if (truth.containsKey(member.peerId())) {
        continue;
      }
      if (missing.contains(member.peerId())) {
        vanished.add(member.peerId());
      } else {
        stillMissing.add(member.peerId());
        truth.put(member.peerId(), member); // given one more heartbeat to reappear
      }
    }
    missing.clear();
    missing.addAll(stillMissing);
    byId.clear();
    byId.putAll(truth);
    return appeared.isEmpty() && vanished.isEmpty() && !restarted
        ? null
        : new Repair(appeared, vanished, restarted);
  }
}
