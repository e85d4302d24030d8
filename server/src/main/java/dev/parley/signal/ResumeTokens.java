package dev.parley.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.auth.Hmac;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Resume tokens: {@code base64url(json claims) "." base64url(HMAC-SHA256)}. They carry
 * everything needed to re-admit a peer (room, id, name), so a server that restarted with the
 * same secret can take back peers it has never seen. Thread-safe.
 */
final class ResumeTokens {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a valid token says. {@code issuedAtMillis} is Unix milliseconds, {@code expiresAt} seconds. */
  record Claims(String room, String peerId, String name, long issuedAtMillis, long expiresAt) {}

  /** Wire form of the claims; short keys keep the token small. */
  private record Payload(String r, String p, String n, long i, long e) {}

  private final Hmac hmac;
  private final Clock clock;
  private final Duration ttl;

  ResumeTokens(byte[] secret, Duration ttl, Clock clock) {
    this.hmac = Hmac.sha256(secret);
    this.ttl = ttl;
    this.clock = clock;
  }

  String issue(String room, String peerId, String name) {
    long now = clock.millis();
    byte[] payload;
    try {
      payload = JSON.writeValueAsBytes(new Payload(room, peerId, name, now, now / 1000 + ttl.toSeconds()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac.sign(payload));
  }

  /** The claims of a genuine, unexpired token; {@code null} for anything else. */
  Claims verify(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return null;
    }
    try {
      byte[] payload = DECODER.decode(token.substring(0, dot));
      byte[] signature = DECODER.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, hmac.sign(payload))) {
        return null;
      }
      Payload p = JSON.readValue(payload, Payload.class);
      if (p.r() == null || p.p() == null || p.e() <= clock.instant().getEpochSecond()) {
        return null;
      }
      return new Claims(p.r(), p.p(), p.n(), p.i(), p.e());
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }
}
