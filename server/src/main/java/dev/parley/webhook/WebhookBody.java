package dev.parley.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.parley.auth.Hmac;
import dev.parley.webhook.WebhookEvent.Peer;
import dev.parley.webhook.WebhookEvent.PeerJoined;
import dev.parley.webhook.WebhookEvent.PeerLeft;
import dev.parley.webhook.WebhookEvent.RoomFinished;
import dev.parley.webhook.WebhookEvent.RoomStarted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/**
 * The body of one webhook request, and its signature: {@code sha256=<hex HMAC-SHA256 of the body
 * with webhook-secret>} (docs/webhooks.md). Thread-safe.
 */
final class WebhookBody {
  static final String SIGNATURE_HEADER = "X-Parley-Signature";
  private static final JsonFactory JSON = new JsonFactory();

  private final Hmac hmac;

  WebhookBody(byte[] secret) {
    this.hmac = Hmac.sha256(secret);
  }

  /**
   * The JSON of an event: {@code id}, {@code type}, {@code time}, {@code node}, {@code room}, then
   * what it adds.
   */
  static byte[] encode(WebhookEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("id", event.id());
      json.writeStringField("type", WebhookEvent.type(event));
      json.writeStringField("time", event.time().toString());
      json.writeStringField("node", event.node());
      json.writeStringField("room", event.room());
      switch (event) {
        case RoomStarted started -> {}
        case RoomFinished finished -> {}
        case PeerJoined joined -> writePeer(json, joined.peer());
        case PeerLeft left -> {
          writePeer(json, left.peer());
          json.writeStringField("reason", left.reason());
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writePeer(JsonGenerator json, Peer peer) throws IOException {
    json.writeObjectFieldStart("peer");
    json.writeStringField("peerId", peer.peerId());
    json.writeStringField("name", peer.name());
    json.writeStringField("identity", peer.identity());
    json.writeEndObject();
  }

  String signature(byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac.sign(body));
  }
}
