package dev.parley.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * TURN credentials in the REST scheme (draft-uberti-behave-turn-rest §2.2), which coturn's {@code
 * use-auth-secret} implements: {@code username = "<expiry unix seconds>:<id>"}, {@code password =
 * base64(HMAC-SHA1(secret, username))}. Nothing is stored: whoever holds the secret can check a
 * username, so an external coturn with the same secret accepts them too. Thread-safe.
 */
public final class TurnCredentials {
  /** A username and its password, as an RTCIceServer carries them. */
  public record Credential(String username, String password) {}

  private final Hmac hmac;
  private final Clock clock;

  public TurnCredentials(byte[] secret, Clock clock) {
    this.hmac = Hmac.sha1(secret);
    this.clock = clock;
  }

  /** Fresh credentials for {@code id}, valid for {@code ttl} from now. */
  public Credential issue(String id, Duration ttl) {
    String username = (clock.instant().plus(ttl).getEpochSecond()) + ":" + id;
    return new Credential(username, password(username));
  }

  /**
   * The password for a username that has not expired, or empty: an unparsable or expired username
   * is refused like a wrong password (§2.2: the server checks the timestamp).
   */
  public Optional<String> passwordFor(String username) {
    int colon = username.indexOf(':');
    String expiry = colon < 0 ? username : username.substring(0, colon);
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expiry);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (expiresAt <= clock.instant().getEpochSecond()) {
      return Optional.empty();
    }
    return Optional.of(password(username));
  }

  public String password(String username) {
    return Base64.getEncoder().encodeToString(hmac.sign(username.getBytes(StandardCharsets.UTF_8)));
  }
}
