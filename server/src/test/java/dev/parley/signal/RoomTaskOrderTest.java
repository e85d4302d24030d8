package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.auth.AccessTokens;
import dev.parley.auth.Admission;
import dev.parley.config.ParleyConfig;
import dev.parley.metrics.Metrics;
import dev.parley.testing.TestConfig;
import dev.parley.webhook.Webhooks;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session's message runs at once when its room is on the same event loop, but never ahead of a
 * task already queued for the room: it would act on a view of the room that the queued task is
 * about to change. In a cluster that task is most often news from another node ("your peer moved");
 * here it is an administrator's kick, which needs no Redis. Embedded channels make the interleaving
 * exact: their event loops run queued tasks only when the test says so, and every caller counts as
 * being on the loop.
 */
class RoomTaskOrderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ParleyConfig CONFIG = TestConfig.defaults();

  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Clock CLOCK = Clock.systemUTC();

  private final EmbeddedChannel executorChannel = new EmbeddedChannel();
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final RoomContext rooms =
      new RoomContext(
          CONFIG.signal(),
          new Metrics(),
          new ResumeTokens(SECRET, CONFIG.signal().resumeTokenTtl(), CLOCK),
          new PeerIds(),
          peerId -> List.of(),
          new Memberships.Alone(CLOCK.millis()),
          Webhooks.start(CONFIG.webhook(), "test", CLOCK, new Metrics()),
          null);
  private final Signaling signaling =
      new Signaling(
          rooms,
          new Admission(CONFIG.auth(), new AccessTokens(SECRET, CLOCK)),
          CONFIG.legacy(),
          executorChannel.eventLoop());

  @AfterEach
  void close() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    executorChannel.finishAndReleaseAll();
  }

  @Test
  void aSignalSentWhileAKickIsQueuedWaitsBehindItAndNeverReachesTheKickedPeer() throws Exception {
    Client ada = open();
    Client bob = open();
    String bobId = joinBoth(ada, bob);

    CompletableFuture<Integer> kicked = signaling.kick("r", bobId);
    ada.send("{\"type\":\"signal\",\"to\":\"" + bobId + "\",\"data\":{\"sdp\":\"offer\"}}");
    runAll();

    assertThat(kicked).isCompletedWithValue(1);
    assertThat(types(bob.received()))
        .as("the kicked peer hears of its kick and nothing after it")
        .containsExactly("peer-left");
    List<JsonNode> adaSaw = ada.received();
    assertThat(types(adaSaw)).containsExactly("peer-left", "error");
    assertThat(adaSaw.get(1).get("code").asText()).isEqualTo("unknown-peer");
  }

  @Test
  void withNothingQueuedASignalIsRelayedAtOnce() throws Exception {
    Client ada = open();
    Client bob = open();
    String bobId = joinBoth(ada, bob);

    ada.send("{\"type\":\"signal\",\"to\":\"" + bobId + "\",\"data\":{\"sdp\":\"offer\"}}");
    // Only Bob's own loop runs, to flush his outbox: the room's executor runs nothing queued.
    bob.channel().runPendingTasks();

    assertThat(types(bob.received())).containsExactly("signal");
  }

  private record Client(EmbeddedChannel channel, Session session) {
    void send(String frame) {
      session.onText(Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8)));
    }

    /** The messages this client was sent since last asked, close frames left out. */
    List<JsonNode> received() throws Exception {
      List<JsonNode> messages = new ArrayList<>();
      Object out;
      while ((out = channel.readOutbound()) != null) {
        try {
          if (!(out instanceof CloseWebSocketFrame)) {
            messages.add(JSON.readTree(SentFrames.text(out)));
          }
        } finally {
          ReferenceCountUtil.release(out);
        }
      }
      return messages;
    }
  }

  private Client open() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channels.add(channel);
    Session session = signaling.open(channel);
    channel.closeFuture().addListener(closed -> session.onClosed());
    return new Client(channel, session);
  }

  /** Ada and Bob in room "r", their welcome and presence read; returns Bob's peer id. */
  private String joinBoth(Client ada, Client bob) throws Exception {
    ada.send("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\"}");
    runAll();
    bob.send("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Bob\"}");
    runAll();
    ada.received();
    List<JsonNode> welcome = bob.received();
    assertThat(types(welcome)).containsExactly("welcome");
    return welcome.get(0).get("peerId").asText();
  }

  private void runAll() {
    for (int round = 0; round < 10; round++) {
      executorChannel.runPendingTasks();
      channels.forEach(EmbeddedChannel::runPendingTasks);
    }
  }

  private static List<String> types(List<JsonNode> messages) {
    return messages.stream().map(m -> m.path("type").asText()).toList();
  }
}
