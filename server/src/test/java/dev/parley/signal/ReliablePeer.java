package dev.parley.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.WsClient;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * A test client that follows the SDK's delivery rules (docs/protocol.md "Exactly-once delivery";
 * web/sdk/src/signaling/delivery.ts), talking to one peer: it numbers what it sends, keeps what is
 * not yet acknowledged (at most {@link #WINDOW}), delivers only the next number in order, asks for
 * a resend on a gap and after resuming, and resends what it kept after resuming. Unlike the SDK it
 * never gives a gap up: a signal that is never resent stalls it, and the test counts the rest lost.
 * It sends the numbers 1..{@code count} as {@code {"n": k}} and records every {@code n} it
 * delivers.
 *
 * <p>One thread ({@link #run}) does all of it; the test reads {@link #delivered} after that thread
 * has ended.
 */
final class ReliablePeer {
  /** As the SDK: at most this many signals to one peer wait for an acknowledgement. */
  static final int WINDOW = 256;

  /** Acknowledge at least every this many delivered signals. */
  private static final int ACK_EVERY = 32;

  private static final long ACK_DELAY_NANOS = 200_000_000;
  private static final long RESEND_AGAIN_NANOS = 500_000_000;

  private record Sent(long seq, int n) {}

  final String name;
  final List<Integer> delivered = new ArrayList<>();
  private final String room;
  private final ArrayDeque<Sent> unacked = new ArrayDeque<>();
  private WsClient socket;
  private String resume;
  private String id;
  private String to;
  private long nextSeq = 1;
  private long received; // the highest seq delivered from the peer, without a gap
  private long ackSent;
  private long ackSentAt;
  private long resendAskedFor = -1;
  private long resendAskedAt;
  private int resumes;

  ReliablePeer(String name, String room, URI ws) {
    this.name = name;
    this.room = room;
    this.socket = WsClient.connect(ws, null);
    JsonNode welcome = socket.join(room, name);
    this.resume = welcome.get("resume").asText();
    this.id = welcome.get("peerId").asText();
  }

  String id() {
    return id;
  }

  WsClient socket() {
    return socket;
  }

  int resumes() {
    return resumes;
  }

  void talkTo(String peer) {
    this.to = peer;
  }

  /**
   * Sends 1..count and delivers what comes until {@code done} says stop; resumes on {@code
   * fallback} when the socket drops. {@code sentHalf} is called once {@code halfway} are sent.
   */
  void run(int count, int halfway, Runnable sentHalf, URI fallback, BooleanSupplier done) {
    int n = 1;
    while (!done.getAsBoolean()) {
      try {
        readAll();
        boolean sending = n <= count && unacked.size() < WINDOW;
        if (sending) {
          send(n++);
          if (n == halfway + 1) {
            sentHalf.run();
          }
        }
        acknowledge(!sending);
        if (!sending) {
          Thread.sleep(1);
        }
      } catch (CompletionException e) {
        resumeOn(fallback);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (socket.isClosed()) {
        resumeOn(fallback);
      }
    }
  }

  /** Whether everything sent was acknowledged and {@code count} numbers were delivered. */
  boolean finished(int count) {
    synchronized (delivered) {
      return delivered.size() >= count;
    }
  }

  boolean allAcknowledged() {
    synchronized (unacked) {
      return unacked.isEmpty();
    }
  }

  private void send(int n) {
    Sent sent = new Sent(nextSeq++, n);
    synchronized (unacked) {
      unacked.add(sent);
    }
    write(sent);
  }

  private void write(Sent sent) {
    ObjectNode data = WsClient.JSON.createObjectNode().put("n", sent.n());
    ObjectNode message = signal(data).put("seq", sent.seq());
    if (received > 0) {
      message.put("ack", received);
      ackSent = received;
      ackSentAt = System.nanoTime();
    }
    socket.send(message);
  }

  private ObjectNode signal(ObjectNode data) {
    ObjectNode message = WsClient.JSON.createObjectNode().put("type", "signal").put("to", to);
    message.set("data", data);
    return message;
  }

  /** A control signal (no seq): the acknowledgement, when none went out with a signal lately. */
  private void acknowledge(boolean idle) {
    boolean due =
        received - ackSent >= ACK_EVERY
            || (idle && received > ackSent && System.nanoTime() - ackSentAt > ACK_DELAY_NANOS);
    if (due) {
      socket.send(signal(WsClient.JSON.createObjectNode()).put("ack", received));
      ackSent = received;
      ackSentAt = System.nanoTime();
    }
  }

  private void askResend() {
    socket.send(signal(WsClient.JSON.createObjectNode()).put("resend", received));
    resendAskedFor = received;
    resendAskedAt = System.nanoTime();
    ackSent = received;
    ackSentAt = resendAskedAt;
  }

  private void readAll() {
    for (JsonNode message; (message = socket.poll()) != null; ) {
      if (message.get("type").asText().equals("signal")) {
        onSignal(message);
      }
    }
  }

  private void onSignal(JsonNode message) {
    long acked = Math.max(message.path("ack").asLong(-1), message.path("resend").asLong(-1));
    synchronized (unacked) {
      while (!unacked.isEmpty() && unacked.peekFirst().seq() <= acked) {
        unacked.pollFirst();
      }
    }
    if (message.has("resend")) {
      resendUnacked();
    }
    if (!message.has("seq")) {
      return; // control only
    }
    long seq = message.get("seq").asLong();
    if (seq == received + 1) {
      received = seq;
      synchronized (delivered) {
        delivered.add(message.get("data").get("n").asInt());
      }
    } else if (seq > received + 1
        && (resendAskedFor != received || System.nanoTime() - resendAskedAt > RESEND_AGAIN_NANOS)) {
      askResend(); // something before it was lost
    }
    // else a duplicate (a resend of what already arrived): dropped
  }

  private void resendUnacked() {
    List<Sent> again;
    synchronized (unacked) {
      again = List.copyOf(unacked);
    }
    again.forEach(this::write);
  }

  /** As the SDK after a dropped socket: reconnect, join with the resume token, then catch up. */
  private void resumeOn(URI node) {
    WsClient old = socket;
    old.awaitClose();
    for (JsonNode message; (message = old.poll()) != null; ) {
      if (message.get("type").asText().equals("signal")) {
        onSignal(message);
      }
    }
    WsClient fresh = WsClient.connect(node, null);
    fresh.send("join", "room", room, "resume", resume);
    JsonNode welcome = fresh.expect("welcome");
    assertThat(welcome.get("resumed").asBoolean()).as("%s resumed", name).isTrue();
    resume = welcome.get("resume").asText();
    socket = fresh;
    resumes++;
    askResend();
    resendUnacked();
  }
}
