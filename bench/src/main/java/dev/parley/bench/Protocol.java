package dev.parley.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The signaling protocol a simulated peer speaks: Parley's, or the PeerJS server's (the alternative
 * the relay and idle benchmarks compare against). Everything the scenarios do is the same for both;
 * only how a peer gets in, learns its partner and addresses a signal differs.
 */
sealed interface Protocol permits Protocol.Parley, Protocol.PeerJs {

  /** What a server message means to a peer. */
  sealed interface Event {}

  /** This peer is in: its own id, and its partner's if the partner was already there. */
  record Joined(String selfId, String partnerId) implements Event {}

  /** Another peer arrived (Parley's presence). */
  record PeerArrived(String peerId) implements Event {}

  /** A signal whose layout the fast path did not recognise; {@code data} holds seq and t. */
  record Signal(JsonNode data) implements Event {}

  record Error(String code, String message) implements Event {}

  /** The partner left or the server asks this peer to go. */
  record Departed() implements Event {}

  /** Anything else: pongs, and whatever a newer server may add. */
  record Other() implements Event {}

  String name();

  /** The WebSocket address one peer connects to. */
  URI address(URI server, String selfId);

  /** The first message after the handshake, or {@code null} to wait for the server. */
  String hello(String room);

  Event read(JsonNode message);

  /**
   * The constant start of every signal to {@code partnerId}, up to the sequence number's digits.
   */
  byte[] signalHead(String partnerId);

  /** Whether a server frame starts the way this server writes relayed signals. */
  boolean isRelayed(ByteBuf frame);

  /** The keep-alive a real client of this server sends, or {@code null}. */
  String heartbeat();

  /** How often a real client sends {@link #heartbeat()}, in seconds. */
  int heartbeatSeconds();

  /** The message a peer sends before it closes, or {@code null}. */
  String leave();

  /**
   * @param name {@code parley} or {@code peerjs}
   */
  static Protocol named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "parley" -> new Parley();
      case "peerjs" -> new PeerJs();
      default ->
          throw new IllegalArgumentException("--protocol must be parley or peerjs, not " + name);
    };
  }

  /** An ICE candidate as a browser would send it; both servers relay it verbatim. */
  String CANDIDATE = "candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host";

  private static String quoted(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(ByteBuf frame, ByteBuf head) {
    return frame.readableBytes() >= head.readableBytes()
        && ByteBufUtil.equals(frame, frame.readerIndex(), head, 0, head.readableBytes());
  }

  /**
   * Parley (docs/protocol.md): {@code join} a room, get {@code welcome} with the peers already
   * there and {@code peer-joined} for later ones; ids are the server's.
   */
  record Parley() implements Protocol {
    private static final ByteBuf RELAYED =
        Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(ascii("{\"type\":\"signal\",\"from\":")));

    @Override
    public String name() {
      return "parley";
    }

    @Override
    public URI address(URI server, String selfId) {
      return server;
    }

    @Override
    public String hello(String room) {
      return "{\"type\":\"join\",\"room\":\"" + quoted(room) + "\"}";
    }

    @Override
    public Event read(JsonNode message) {
      return switch (message.path("type").asText()) {
        case "welcome" -> {
          String partner = null;
          for (JsonNode peer : message.path("peers")) {
            partner = peer.path("peerId").asText();
          }
          yield new Joined(message.path("peerId").asText(), partner);
        }
        case "peer-joined" -> new PeerArrived(message.path("peer").path("peerId").asText());
        case "signal" -> new Signal(message.path("data"));
        case "error" ->
            new Error(message.path("code").asText("?"), message.path("message").asText());
        case "peer-left", "goaway" -> new Departed();
        default -> new Other();
      };
    }

    @Override
    public byte[] signalHead(String partnerId) {
      return ascii(
          "{\"type\":\"signal\",\"to\":\""
              + quoted(partnerId)
              + "\",\"data\":{\"candidate\":\""
              + CANDIDATE
              + "\",\"seq\":");
    }

    @Override
    public boolean isRelayed(ByteBuf frame) {
      return startsWith(frame, RELAYED);
    }

    @Override
    public String heartbeat() {
      return null; // the server pings; Netty's client answers with pongs by itself
    }

    @Override
    public int heartbeatSeconds() {
      return 0;
    }

    @Override
    public String leave() {
      return "{\"type\":\"leave\"}";
    }
  }

  /**
   * The PeerJS server 1.0.2 ({@code peer} on npm): a peer connects to {@code
   * /peerjs?key=peerjs&id=ID&token=T} with an id of its own choosing and gets {@code OPEN}; {@code
   * {type: OFFER|ANSWER|CANDIDATE, dst, payload}} is relayed as {@code {type, src, dst, payload}};
   * a client that sends no {@code HEARTBEAT} for {@code alive_timeout} (60 s) is dropped. There are
   * no rooms: partners know each other's ids.
   */
  record PeerJs() implements Protocol {
    private static final ByteBuf RELAYED =
        Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(ascii("{\"type\":\"CANDIDATE\",\"src\":")));

    @Override
    public String name() {
      return "peerjs";
    }

    @Override
    public URI address(URI server, String selfId) {
      String id = URLEncoder.encode(selfId, StandardCharsets.UTF_8);
      return server.resolve("/peerjs?key=peerjs&id=" + id + "&token=" + id);
    }

    @Override
    public String hello(String room) {
      return null;
    }

    @Override
    public Event read(JsonNode message) {
      return switch (message.path("type").asText()) {
        // The partner's id is known from the start (PeerConnection supplies it).
        case "OPEN" -> new Joined(null, null);
        case "CANDIDATE" -> new Signal(message.path("payload"));
        case "ERROR", "ID-TAKEN" ->
            new Error(message.path("type").asText(), message.path("payload").path("msg").asText());
        case "LEAVE", "EXPIRE" -> new Departed();
        default -> new Other();
      };
    }

    @Override
    public byte[] signalHead(String partnerId) {
      return ascii(
          "{\"type\":\"CANDIDATE\",\"dst\":\""
              + quoted(partnerId)
              + "\",\"payload\":{\"candidate\":\""
              + CANDIDATE
              + "\",\"seq\":");
    }

    @Override
    public boolean isRelayed(ByteBuf frame) {
      return startsWith(frame, RELAYED);
    }

    @Override
    public String heartbeat() {
      return "{\"type\":\"HEARTBEAT\"}";
    }

    @Override
    public int heartbeatSeconds() {
      return 5; // what the PeerJS browser client sends
    }

    @Override
    public String leave() {
      return null; // the close says it
    }
  }
}
