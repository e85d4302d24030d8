package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.GoldenLines.Event;
import dev.parley.cluster.GoldenLines.Signal;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.LeaveReason;
import dev.parley.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Lua scripts and the node channels against a real {@code redis-server}: two directories,
 * {@code node-a} and {@code node-b}, change one room in the steps below, and what Redis carries is
 * exactly {@link GoldenLines}, decoded on arrival into the golden events and signals.
 */
@Timeout(60)
class ScriptsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static RedisServer redis;
  private static RedisClient raw;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.start(0);
    raw = RedisClient.create(redis.uri().toString());
  }

  @AfterAll
  static void stopRedis() throws Exception {
    raw.shutdown();
    redis.close();
  }

  @Test
  void theScriptsPublishTheGoldenEventsAndNodesTheGoldenSignals() throws Exception {
    Listener heardOnA = new Listener();
    BlockingQueue<String> published = new LinkedBlockingQueue<>();
    try (Node a = Node.connect(GoldenLines.NODE_A);
        Node b = Node.connect(GoldenLines.NODE_B);
        StatefulRedisPubSubConnection<String, String> wire = raw.connectPubSub();
        StatefulRedisConnection<String, String> commands = raw.connect()) {
      wire.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              published.add(message);
            }
          });
      wire.sync()
          .subscribe(RedisKeys.of(GoldenLines.ROOM).events(), "parley:node:" + GoldenLines.NODE_B);
      await(a.directory.watch(GoldenLines.ROOM, heardOnA));
      String room = GoldenLines.ROOM;

      Snapshot first = await(a.directory.join(room, "ada", "Ada", null, 3, 11));
      assertThat(first)
          .isEqualTo(new Snapshot(1, List.of(new Member("ada", "Ada", GoldenLines.NODE_A))));
      await(b.directory.join(room, "bob", null, null, 3, 21));
      Snapshot third = await(a.directory.join(room, "cy", "Zoë | ops", null, 3, 31));
      assertThat(third.seq()).isEqualTo(3);
      assertThat(third.members())
          .containsExactlyInAnyOrder(
              new Member("ada", "Ada", GoldenLines.NODE_A),
              new Member("bob", null, GoldenLines.NODE_B),
              new Member("cy", "Zoë | ops", GoldenLines.NODE_A));
      assertThat(await(b.directory.join(room, "full", "Full", null, 3, 41)))
          .as("a fourth peer in a room of 3")
          .isNull();
      assertThat(await(b.directory.resume(room, "ada", 10, 12)))
          .as("a token Ada was never given")
          .isNull();
      assertThat(await(b.directory.resume(room, "ada", 11, 12)))
          .as("Ada's newest token")
          .isNotNull();
      assertThat(await(a.directory.resume(room, "ada", 11, 13)))
          .as("the same token again")
          .isNull();
      assertThat(await(a.directory.leave(room, "ada", LeaveReason.LEFT)))
          .as("node-a no longer holds Ada")
          .isEqualTo(Departure.HELD_ELSEWHERE);
      assertThat(await(b.directory.leave(room, "ada", LeaveReason.LEFT)))
          .isEqualTo(Departure.REMOVED);
      assertThat(await(b.directory.leave(room, "ada", LeaveReason.LEFT)))
          .as("Ada is gone already")
          .isEqualTo(Departure.ALREADY_GONE);
      assertThat(await(a.directory.resume(room, "ada", 12, 14))).as("Ada left for good").isNull();
      Map<String, String> heldByA = new LinkedHashMap<>();
      heldByA.put("cy", "Zoë | ops");
      heldByA.put("dee", "Dee");
      await(a.directory.refresh(room, heldByA)); // Redis did not have Dee: restored
      // Dee's node stops refreshing her (her liveness key is gone): the next script sweeps her out,
      // and its node alone is told it did.
      commands.sync().del("parley:{" + room + "}:peer:dee");
      Listener sweeperB = new Listener();
      await(b.directory.watch(room, sweeperB));
      await(b.directory.refresh(room, Map.of()));
      assertThat(sweeperB.swept)
          .containsExactly(new Swept(List.of(new Member("dee", "Dee", GoldenLines.NODE_A)), false));
      assertThat(heardOnA.swept).isEmpty();
      assertThat(await(b.directory.leave(room, "bob", LeaveReason.KICKED)))
          .isEqualTo(Departure.REMOVED);
      assertThat(await(a.directory.leave(room, "cy", LeaveReason.LEFT)))
          .as("the last one out")
          .isEqualTo(Departure.LAST_OUT);

      List<String> lines = new ArrayList<>();
      for (int i = 0; i < GoldenLines.EVENTS.size(); i++) {
        lines.add(published.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      assertThat(lines)
          .containsExactlyElementsOf(GoldenLines.EVENTS.stream().map(Event::line).toList());
      assertThat(heardOnA.events(GoldenLines.EVENTS.size()))
          .containsExactlyElementsOf(GoldenLines.EVENTS.stream().map(Event::event).toList());

      Listener heardOnB = sweeperB;
      for (Signal golden : GoldenLines.SIGNALS) {
        a.directory.relay(GoldenLines.NODE_B, golden.signal());
        assertThat(published.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(golden.entry());
        assertThat(heardOnB.signals.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
            .isEqualTo(golden.signal());
      }
    }
  }

  @Test
  void aSweepThatEmptiesTheRoomSaysSoToItsNodeAndTheNextJoinFindsTheRoomNew() throws Exception {
    try (Node a = Node.connect(GoldenLines.NODE_A);
        Node b = Node.connect(GoldenLines.NODE_B);
        StatefulRedisConnection<String, String> commands = raw.connect()) {
      String room = "swept-empty";
      await(a.directory.join(room, "ada", "Ada", null, 3, 11));
      commands.sync().del("parley:{" + room + "}:peer:ada"); // node-a died
      Listener onB = new Listener();
      await(b.directory.watch(room, onB));

      Snapshot joined = await(b.directory.join(room, "bob", "Bob", null, 3, 2));

      assertThat(onB.swept)
          .containsExactly(new Swept(List.of(new Member("ada", "Ada", GoldenLines.NODE_A)), true));
      assertThat(joined.members()).containsExactly(new Member("bob", "Bob", GoldenLines.NODE_B));
      commands.sync().del("parley:{" + room + "}:peer:bob");
      assertThat(await(a.directory.join(room, "cy", "Cy", null, 1, 3)))
          .as("bob swept: room for one")
          .isNotNull();
      assertThat(await(b.directory.join(room, "dee", "Dee", null, 1, 4)))
          .as("full: refused")
          .isNull();
    }
  }

  @Test
  void theAdminScriptsListTheClusterAndPublishTheGoldenOrders() throws Exception {
    BlockingQueue<String> published = new LinkedBlockingQueue<>();
    try (Node a = Node.connect(GoldenLines.NODE_A);
        Node b = Node.connect(GoldenLines.NODE_B);
        StatefulRedisPubSubConnection<String, String> wire = raw.connectPubSub();
        StatefulRedisConnection<String, String> commands = raw.connect()) {
      String room = "admin";
      wire.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              published.add(message);
            }
          });
      wire.sync().subscribe(RedisKeys.of(room).events());
      Listener onA = new Listener();
      await(a.directory.watch(room, onA));
      await(a.directory.join(room, "ada", "Ada", "user-1", 3, 11));
      await(b.directory.join(room, "bob", null, null, 3, 21));
      await(b.directory.join("another", "cy", "Cy", "user-3", 3, 31));
      a.directory.presence(room, "ada", false); // fire and forget: ordered before A's next command
      b.directory.presence(room, "ada", true); // node-b does not hold Ada: changes nothing
      await(b.directory.room(room));

      Listing all = await(a.directory.rooms(null, 10));
      assertThat(all.truncated()).isFalse();
      assertThat(all.rooms()).extracting(Listing.Room::room).containsExactly("admin", "another");
      assertThat(all.rooms().getFirst().peers())
          .containsExactlyInAnyOrder(
              new Listing.Peer("ada", "Ada", GoldenLines.NODE_A, "user-1", false),
              new Listing.Peer("bob", null, GoldenLines.NODE_B, null, true));
      Listing first = await(a.directory.rooms(null, 1));
      assertThat(first.truncated()).isTrue();
      assertThat(first.rooms()).extracting(Listing.Room::room).containsExactly("admin");
      Listing next = await(a.directory.rooms("admin", 1));
      assertThat(next.truncated()).isFalse();
      assertThat(next.rooms()).extracting(Listing.Room::room).containsExactly("another");
      assertThat(await(a.directory.room("another")).rooms())
          .containsExactly(
              new Listing.Room(
                  "another",
                  List.of(new Listing.Peer("cy", "Cy", GoldenLines.NODE_B, "user-3", true))));
      assertThat(await(a.directory.room("nowhere")).rooms()).isEmpty();

      assertThat(await(a.directory.kick(room, "nobody"))).isZero();
      assertThat(await(a.directory.kick(room, "bob"))).isEqualTo(1);
      assertThat(await(b.directory.kick(room, null))).isEqualTo(2);
      assertThat(await(a.directory.kick("nowhere", null))).isZero();
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        lines.add(published.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      // Two joins, then exactly the golden orders: a kick of nobody, or in no room, says nothing.
      assertThat(lines.subList(2, 4))
          .containsExactlyElementsOf(
              GoldenLines.COMMANDS.stream().map(GoldenLines.Command::line).toList());
      assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
      assertThat(onA.commands.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(GoldenLines.COMMANDS.get(0).command());
      assertThat(onA.commands.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(GoldenLines.COMMANDS.get(1).command());

      // The index follows the rooms: the last one out, or a sweep that empties a room, ends it.
      assertThat(commands.sync().zrange("parley:rooms", 0, -1)).containsExactly("admin", "another");
      await(a.directory.leave(room, "ada", LeaveReason.LEFT));
      assertThat(commands.sync().zrange("parley:rooms", 0, -1)).containsExactly("admin", "another");
      await(b.directory.leave(room, "bob", LeaveReason.KICKED));
      assertThat(commands.sync().zrange("parley:rooms", 0, -1)).containsExactly("another");
      commands.sync().del("parley:{another}:peer:cy"); // node-b died
      assertThat(await(a.directory.rooms(null, 10)).rooms()).as("a dead node's peers").isEmpty();
      await(a.directory.watch("another", new Listener()));
      await(a.directory.refresh("another", Map.of()));
      assertThat(commands.sync().zrange("parley:rooms", 0, -1)).isEmpty();
      assertThat(commands.sync().exists("parley:{admin}:info")).isZero();
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private record Node(RedisDirectory directory) implements AutoCloseable {
    static Node connect(String name) {
      return new Node(
          RedisDirectory.connect(redis.uri(), Duration.ofSeconds(20), new Metrics(), name));
    }

    @Override
    public void close() {
      directory.close();
    }
  }

  private record Swept(List<Member> peers, boolean emptied) {}

  /** A room's listener that records what arrives; never asked to refresh by itself. */
  private static final class Listener implements RoomEvents {
    final BlockingQueue<ClusterEvent> events = new LinkedBlockingQueue<>();
    final BlockingQueue<NodeSignal> signals = new LinkedBlockingQueue<>();
    final BlockingQueue<ClusterCommand> commands = new LinkedBlockingQueue<>();
    final List<Swept> swept = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void swept(List<Member> peers, boolean emptied) {
      swept.add(new Swept(peers, emptied));
    }

    @Override
    public void event(ClusterEvent event) {
      events.add(event);
    }

    @Override
    public void signal(NodeSignal signal) {
      signals.add(signal);
    }

    @Override
    public void command(ClusterCommand command) {
      commands.add(command);
    }

    @Override
    public void heartbeat() {
      // The test makes every refresh itself.
    }

    List<ClusterEvent> events(int count) throws InterruptedException {
      List<ClusterEvent> received = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        received.add(events.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      return received;
    }
  }
}
