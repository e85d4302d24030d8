package dev.parley.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.auth.Hmac;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Resume tokens: {@code base64url(json claims) "." base64url(HMAC-SHA256)}. They carry everything
 * needed to re-admit a peer (room, id, name), so a server that restarted with the same secret can
 * take back peers it has never seen. Thread-safe.
 *
 * <p>A token resumes once. Each carries a random serial, and the room (or, in a cluster, Redis)
 * keeps the serial of the newest token its peer was given: a used or superseded token names an
 * older serial and gets a fresh session. Tokens from before a restart name peers nobody holds;
 * those are {@linkplain #spend spent} here as they are taken back.
 */
final class ResumeTokens {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a valid token says. {@code issuedAtMillis} is Unix milliseconds, {@code expiresAt}
   * seconds; {@code serial} tells this token from the peer's others (0 in tokens of servers that
   * did not number them).
   */
  record Claims(
      String room, String peerId, String name, long issuedAtMillis, long expiresAt, long serial) {}

  /** Wire form of the claims; short keys keep the token small. */
  private record Payload(String r, String p, String n, long i, long e, long s) {}

  /** Tokens from before this run that were taken back, until they expire: peer id and serial. */
  private final Map<String, Long> spent = new ConcurrentHashMap<>();

  private final Hmac hmac;
  private final Clock clock;
  private final Duration ttl;

  ResumeTokens(byte[] secret, Duration ttl, Clock clock) {
    this.hmac = Hmac.sha256(secret);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A serial for a peer's next token: random, never 0. */
  static long newSerial() {
    long serial;
    do {
      serial = ThreadLocalRandom.current().nextLong();
    } while (serial == 0);
    return serial;
  }

  String issue(String room, String peerId, String name, long serial) {
    long now = clock.millis();
    byte[] payload;
    try {
      payload =
          JSON.writeValueAsBytes(
              new Payload(room, peerId, name, now, now / 1000 + ttl.toSeconds(), serial));
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
      return new Claims(p.r(), p.p(), p.n(), p.i(), p.e(), p.s());
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }

  /**
   * Marks a token that no room holds the peer of (issued before a restart, or taken back while
   * Redis cannot say) as used; {@code false} if it was used already. Entries go when their token
   * expires, so this holds at most the tokens of one token lifetime.
   */
  boolean spend(Claims claims) {
    long now = clock.instant().getEpochSecond();
    spent.values().removeIf(expiresAt -> expiresAt <= now);
    return spent.putIfAbsent(
            claims.peerId() + "/" + claims.issuedAtMillis() + "/" + claims.serial(),
            claims.expiresAt())
        == null;
  }
}
