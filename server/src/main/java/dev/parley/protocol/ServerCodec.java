package dev.parley.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.parley.protocol.ServerMessage.Error;
import dev.parley.protocol.ServerMessage.GoAway;
import dev.parley.protocol.ServerMessage.IceServer;
import dev.parley.protocol.ServerMessage.LegacyFrame;
import dev.parley.protocol.ServerMessage.MediaChanged;
import dev.parley.protocol.ServerMessage.OfferedTrack;
import dev.parley.protocol.ServerMessage.PeerInfo;
import dev.parley.protocol.ServerMessage.PeerJoined;
import dev.parley.protocol.ServerMessage.PeerLeft;
import dev.parley.protocol.ServerMessage.Pong;
import dev.parley.protocol.ServerMessage.PublishAnswer;
import dev.parley.protocol.ServerMessage.Relayed;
import dev.parley.protocol.ServerMessage.Speaker;
import dev.parley.protocol.ServerMessage.SubscribeOffer;
import dev.parley.protocol.ServerMessage.Welcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes server messages as the JSON text of one WebSocket frame. Thread-safe. */
public final class ServerCodec {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] SIGNAL_HEAD =
      "{\"type\":\"signal\",\"from\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SIGNAL_DATA = ",\"data\":".getBytes(StandardCharsets.US_ASCII);

  private ServerCodec() {}

  /**
   * The message as JSON in a new buffer, after {@code headroom} unwritten bytes: room for a
   * transport's framing, written in front of the JSON later without copying it (the buffer's reader
   * index is at the JSON).
   */
  public static ByteBuf encode(ServerMessage message, ByteBufAllocator alloc, int headroom) {
    return switch (message) {
      case Relayed relayed -> relayed(relayed, alloc, headroom);
      case LegacyFrame legacy ->
          withHeadroom(alloc, headroom, legacy.frame().length()).writeBytes(legacy.frame().bytes());
      default -> generated(message, alloc, headroom);
    };
  }

  public static String encodeToString(ServerMessage message) {
    ByteBuf buf = encode(message, ByteBufAllocator.DEFAULT, 0);
    try {
      return buf.toString(StandardCharsets.UTF_8);
    } finally {
      buf.release();
    }
  }

  private static ByteBuf withHeadroom(ByteBufAllocator alloc, int headroom, int length) {
    ByteBuf buf = alloc.buffer(headroom + length);
    return buf.writerIndex(headroom).readerIndex(headroom);
  }

  /** The hot path: the sender's data bytes are copied, never re-parsed. */
  private static ByteBuf relayed(Relayed relayed, ByteBufAllocator alloc, int headroom) {
    byte[] from = quoted(relayed.from());
    byte[] data = relayed.data().bytes();
    byte[] tail = relayed.sequence().tail();
    ByteBuf buf =
        withHeadroom(
            alloc,
            headroom,
            SIGNAL_HEAD.length + from.length + SIGNAL_DATA.length + data.length + tail.length + 1);
    return buf.writeBytes(SIGNAL_HEAD)
        .writeBytes(from)
        .writeBytes(SIGNAL_DATA)
        .writeBytes(data)
        .writeBytes(tail)
        .writeByte('}');
  }

  /**
   * Peer ids are base64url, so the common case needs no escaping: copy the characters between
   * quotes without building a JSON generator for every relayed signal.
   */
  private static byte[] quoted(String text) {
    if (isPlainAscii(text)) {
      byte[] out = new byte[text.length() + 2];
      out[0] = '"';
      for (int i = 0; i < text.length(); i++) {
        out[i + 1] = (byte) text.charAt(i);
      }
      out[out.length - 1] = '"';
      return out;
    }
    try (var out = new java.io.ByteArrayOutputStream(text.length() + 2);
        JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      gen.writeString(text);
      gen.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Printable ASCII that JSON strings carry as is: no quote, backslash or control character. */
  private static boolean isPlainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static ByteBuf generated(ServerMessage message, ByteBufAllocator alloc, int headroom) {
    ByteBuf buf = withHeadroom(alloc, headroom, 128);
    try (JsonGenerator gen =
        JSON.createGenerator(
            (java.io.OutputStream) new ByteBufOutputStream(buf), JsonEncoding.UTF8)) {
      write(message, gen);
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    }
    return buf;
  }

  private static void write(ServerMessage message, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    switch (message) {
      case Welcome welcome -> {
        gen.writeStringField("type", "welcome");
        gen.writeStringField("peerId", welcome.peerId());
        gen.writeStringField("room", welcome.room());
        gen.writeArrayFieldStart("peers");
        for (PeerInfo peer : welcome.peers()) {
          writePeer(peer, gen);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("iceServers");
        for (IceServer server : welcome.iceServers()) {
          writeIceServer(server, gen);
        }
        gen.writeEndArray();
        gen.writeStringField("resume", welcome.resume());
        gen.writeBooleanField("resumed", welcome.resumed());
        gen.writeObjectFieldStart("permissions");
        gen.writeBooleanField("publish", welcome.permissions().publish());
        gen.writeBooleanField("data", welcome.permissions().data());
        gen.writeEndObject();
        gen.writeStringField("media", welcome.media().wire());
      }
      case MediaChanged changed -> {
        gen.writeStringField("type", "media");
        gen.writeStringField("mode", changed.mode().wire());
      }
      case PublishAnswer answer -> {
        gen.writeStringField("type", "publish-answer");
        gen.writeStringField("sdp", answer.sdp());
      }
      case SubscribeOffer offer -> {
        gen.writeStringField("type", "subscribe-offer");
        gen.writeStringField("sdp", offer.sdp());
        gen.writeArrayFieldStart("tracks");
        for (OfferedTrack track : offer.tracks()) {
          gen.writeStartObject();
          gen.writeStringField("trackId", track.trackId());
          gen.writeStringField("peerId", track.peerId());
          gen.writeStringField("kind", track.kind());
          gen.writeStringField("mid", track.mid());
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      case Speaker speaker -> {
        gen.writeStringField("type", "speaker");
        gen.writeStringField("peerId", speaker.peerId());
      }
      case PeerJoined joined -> {
        gen.writeStringField("type", "peer-joined");
        gen.writeFieldName("peer");
        writePeer(joined.peer(), gen);
      }
      case PeerLeft left -> {
        gen.writeStringField("type", "peer-left");
        gen.writeStringField("peerId", left.peerId());
        gen.writeStringField("reason", left.reason().wire());
      }
      case Error error -> {
        gen.writeStringField("type", "error");
        gen.writeStringField("code", error.code().wire());
        gen.writeStringField("message", error.message());
      }
      case GoAway goAway -> {
        gen.writeStringField("type", "goaway");
        gen.writeNumberField("reconnectInMs", goAway.reconnectInMs());
      }
      case Pong pong -> gen.writeStringField("type", "pong");
      case Relayed relayed -> throw new IllegalStateException("written by relayed()");
      case LegacyFrame legacy -> throw new IllegalStateException("written verbatim");
    }
    gen.writeEndObject();
  }

  private static void writePeer(PeerInfo peer, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("peerId", peer.peerId());
    gen.writeStringField("name", peer.name());
    gen.writeEndObject();
  }

  private static void writeIceServer(IceServer server, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeArrayFieldStart("urls");
    for (String url : server.urls()) {
      gen.writeString(url);
    }
    gen.writeEndArray();
    if (server.username() != null) {
      gen.writeStringField("username", server.username());
      gen.writeStringField("credential", server.credential());
    }
    gen.writeEndObject();
  }
}
