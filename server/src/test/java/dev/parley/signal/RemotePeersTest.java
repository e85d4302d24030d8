package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.Member;
import dev.parley.cluster.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a node's view of the other nodes' peers follows events and repairs itself from snapshots. */
class RemotePeersTest {
  private static final Member ADA = new Member("ada", "Ada", "node-a");
  private static final Member BOB = new Member("bob", "Bob", "node-b");
  private static final Member MINE = new Member("me", "Me", "here");

  private final RemotePeers peers = new RemotePeers("here");

  @Test
  void aJoinSnapshotAddsOthersButNotThisNodesOwnPeers() {
    peers.merge(new Snapshot(3, List.of(ADA, BOB, MINE)));

    assertThat(peers.all()).containsExactly(ADA, BOB);
  }

  @Test
  void anOlderSnapshotDoesNotBringBackAPeerWhoseLeaveWasSeen() {
    peers.event(5);
    peers.remove("ada", 5);
    peers.merge(new Snapshot(4, List.of(ADA, BOB)));

    assertThat(peers.all()).containsExactly(BOB);
  }

  @Test
  void aSnapshotAheadOfTheEventsWaitsOneRoundForThem() {
    peers.event(1);
    peers.put(ADA);

    assertThat(peers.reconcile(new Snapshot(2, List.of(ADA, BOB)))).isNull();
    assertThat(peers.all()).containsExactly(ADA);
    // Seen again with no event in between: the event that would have told of Bob was lost.
    RemotePeers.Repair repair = peers.reconcile(new Snapshot(2, List.of(ADA, BOB)));
    assertThat(repair.appeared()).containsExactly(BOB);
    assertThat(repair.vanished()).isEmpty();
    assertThat(peers.all()).containsExactly(ADA, BOB);
  }

  @Test
  void afterRedisRestartedEmptyAPeerMissingOnceIsKeptAndMissingTwiceIsGone() {
    peers.event(40);
    peers.put(ADA);
    peers.put(BOB);

    // Redis came back empty; Ada's node has put her back already, Bob's not yet.
    RemotePeers.Repair first = peers.reconcile(new Snapshot(1, List.of(ADA)));
    assertThat(first.redisRestarted()).isTrue();
    assertThat(first.vanished()).isEmpty();
    assertThat(peers.all()).containsExactly(ADA, BOB);

    RemotePeers.Repair second = peers.reconcile(new Snapshot(1, List.of(ADA)));
    assertThat(second.vanished()).containsExactly("bob");
    assertThat(peers.all()).containsExactly(ADA);
  }

  @Test
  void eventsNumberedLowerThanTheLastMeanRedisStartedCountingAgain() {
    assertThat(peers.event(7)).isTrue();
    assertThat(peers.event(8)).isTrue();
    assertThat(peers.event(1)).isFalse();
  }
}
