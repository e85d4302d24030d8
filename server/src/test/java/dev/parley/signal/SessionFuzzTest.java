package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fuzz target for the dispatcher: a few connections send fuzzed sequences of messages, valid and
 * not, to one signaling service, run single-threaded on embedded channels. Whatever they send,
 * nothing throws, every reply is a well-formed protocol message, and the room state stays
 * consistent (a joined client can still ping and be answered).
 */
class SessionFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ParleyConfig CONFIG = TestConfig.defaults();
  private static final Set<String> SERVER_TYPES =
      Set.of(
          "welcome",
          "peer-joined",
          "peer-left",
          "signal",
          "error",
          "goaway",
          "pong",
          "offer",
          "answer",
          "ice-candidate");
  private static final String[] ROOMS = {"a", "b", "c-1"};

  private static final class Client {
    final EmbeddedChannel channel;
    Session session;
    final List<String> peerIds = new ArrayList<>();
    String resume;
    String lastType;

    Client(EmbeddedChannel channel) {
      this.channel = channel;
    }
  }

  @FuzzTest
  void anySequenceOfFramesKeepsTheServiceConsistent(FuzzedDataProvider data) throws Exception {
    EmbeddedChannel executorChannel = new EmbeddedChannel();
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    Admission admission = new Admission(CONFIG.auth(), new AccessTokens(secret, Clock.systemUTC()));
    Signaling signaling =
        new Signaling(
            CONFIG.signal(),
            CONFIG.legacy(),
            secret,
            executorChannel.eventLoop(),
            new Metrics(),
            Clock.systemUTC(),
            admission,
            peerId -> List.of(),
            null,
            Webhooks.start(CONFIG.webhook(), "fuzz", Clock.systemUTC(), new Metrics()),
            null);
    List<Client> clients = new ArrayList<>();
    int count = data.consumeInt(1, 3);
    for (int i = 0; i < count; i++) {
      clients.add(open(signaling));
    }
    int steps = data.consumeInt(1, 40);
    for (int step = 0; step < steps && data.remainingBytes() > 0; step++) {
      Client client = clients.get(data.consumeInt(0, clients.size() - 1));
      String frame =
          switch (data.consumeInt(0, 12)) {
            case 0 ->
                "{\"type\":\"join\",\"room\":\""
                    + data.pickValue(ROOMS)
                    + "\",\"name\":"
                    + JSON.writeValueAsString(data.consumeString(80))
                    + "}";
            case 1 ->
                "{\"type\":\"join\",\"room\":\""
                    + data.pickValue(ROOMS)
                    + "\",\"resume\":"
                    + JSON.writeValueAsString(
                        client.resume != null && data.consumeBoolean()
                            ? client.resume
                            : data.consumeString(100))
                    + "}";
            case 2 ->
                "{\"type\":\"signal\",\"to\":"
                    + JSON.writeValueAsString(target(data, clients))
                    + ",\"data\":{\"x\":"
                    + JSON.writeValueAsString(data.consumeString(50))
                    + "}}";
            case 3 -> "{\"type\":\"leave\"}";
            case 4 -> "{\"type\":\"ping\"}";
            case 5 ->
                "{\"type\":\""
                    + data.pickValue(new String[] {"offer", "answer"})
                    + "\",\"sdp\":{\"sdp\":\"v=0\"}}";
            case 6 -> "{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"c\"}}";
            case 8 ->
                "{\"type\":\""
                    + data.pickValue(new String[] {"publish", "subscribe-answer"})
                    + "\",\"sdp\":"
                    + JSON.writeValueAsString(data.consumeString(200))
                    + "}";
            case 9 ->
                "{\"type\":\"render\",\"trackId\":"
                    + JSON.writeValueAsString(data.consumeString(20))
                    + ",\"width\":"
                    + data.consumeInt(-1, 20000)
                    + ",\"height\":"
                    + data.consumeInt(-1, 20000)
                    + "}";
            case 10 ->
                "{\"type\":\"broadcast\",\"data\":{\"x\":"
                    + JSON.writeValueAsString(data.consumeString(50))
                    + "}}";
            case 11 -> {
              // The socket drops: a new one takes its place.
              client.channel.close();
              runAll(executorChannel, clients);
              clients.set(clients.indexOf(client), open(signaling));
              yield null;
            }
            default -> null;
          };
      if (frame != null) {
        client.session.onText(Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8)));
      } else if (data.remainingBytes() > 0) {
        client.session.onText(Unpooled.wrappedBuffer(data.consumeBytes(200)));
      }
      runAll(executorChannel, clients);
    }
    for (Client client : clients) {
      client.session.onText(
          Unpooled.wrappedBuffer("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
    }
    runAll(executorChannel, clients);
    for (Client client : clients) {
      if (client.channel.isActive()) {
        assertThat(client.lastType).as("a live connection still answers ping").isEqualTo("pong");
      }
      client.channel.finishAndReleaseAll();
    }
    executorChannel.finishAndReleaseAll();
  }

  private static Client open(Signaling signaling) {
    Client client = new Client(new EmbeddedChannel());
    client.session = signaling.open(client.channel);
    client.channel.closeFuture().addListener(closed -> client.session.onClosed());
    return client;
  }

  private static String target(FuzzedDataProvider data, List<Client> clients) {
    List<String> known = new ArrayList<>();
    clients.forEach(c -> known.addAll(c.peerIds));
    return known.isEmpty() || data.consumeBoolean()
        ? data.consumeString(30)
        : data.pickValue(known);
  }

  /** Runs every queued task until none is left, checking each frame the clients were sent. */
  private static void runAll(EmbeddedChannel executor, List<Client> clients) throws Exception {
    boolean progress = true;
    while (progress) {
      progress = false;
      executor.runPendingTasks();
      for (Client client : clients) {
        client.channel.runPendingTasks();
        Object out;
        while ((out = client.channel.readOutbound()) != null) {
          progress = true;
          check(client, out);
        }
      }
    }
  }

  private static void check(Client client, Object out) throws Exception {
    try {
      if (out instanceof CloseWebSocketFrame) {
        return;
      }
      JsonNode message = JSON.readTree(SentFrames.text(out));
      String type = message.path("type").asText();
      assertThat(SERVER_TYPES).contains(type);
      if (type.equals("welcome")) {
        client.resume = message.get("resume").asText();
        client.peerIds.add(message.get("peerId").asText());
      }
      client.lastType = type;
    } finally {
      io.netty.util.ReferenceCountUtil.release(out);
    }
  }
}
