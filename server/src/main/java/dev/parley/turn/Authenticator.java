package dev.parley.turn;

import dev.parley.auth.AddressLimiter;
import dev.parley.auth.TurnCredentials;
import dev.parley.stun.IntegrityKeys;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.StunMessage;
import dev.parley.stun.Username;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The long-term credential mechanism (RFC 8489 §9.2.4) with REST usernames: every TURN request
 * passes here before its handler runs. Thread-safe.
 */
final class Authenticator {
  /** What became of a request. */
  sealed interface Outcome {
    /** Authenticated: the handler signs its response with {@code key}. */
    record Accepted(String username, byte[] key) implements Outcome {}

    /** Answered here, with this error response. */
    record Refused(byte[] response, TurnError error) implements Outcome {}

    /** Not answered at all: the source has had its share of challenges or failures. */
    record Dropped() implements Outcome {}
  }

  private final String realm;
  private final TurnCredentials credentials;
  private final Nonces nonces;
  private final TurnMetrics metrics;
  // Each 401 over UDP is an answer to a packet whose source may be spoofed; a budget per source
  // keeps the server from being a reflector. Over TCP and TLS the handshake proved the source,
  // and a client there never retransmits, so a dropped challenge would only hang it (coturn's
  // turnutils_uclient with 64 TCP clients from one address did).
  private final AddressLimiter challenges = new AddressLimiter(20, 100);

  /** A bucket of {@code turn-auth-failures-per-minute}, refilled evenly over a minute. */
  private final AddressLimiter failures;

  Authenticator(
      String realm,
      TurnCredentials credentials,
      Nonces nonces,
      TurnMetrics metrics,
      int failuresPerMinute) {
    this.failures = new AddressLimiter(failuresPerMinute / 60.0, failuresPerMinute);
    this.realm = realm;
    this.credentials = credentials;
    this.nonces = nonces;
    this.metrics = metrics;
  }

  /**
   * @param spoofable whether {@code source} may be forged (UDP), or a handshake proved it (TCP,
   *     TLS)
   */
  Outcome authenticate(StunMessage request, InetAddress source, boolean spoofable) {
    if (!failures.hasToken(source)) {
      return new Outcome.Dropped();
    }
    if (request.attribute(MessageIntegrity.class).isEmpty()) {
      return challenge(request, source, spoofable);
    }
    Optional<Username> username = request.attribute(Username.class);
    Optional<Realm> givenRealm = request.attribute(Realm.class);
    Optional<Nonce> nonce = request.attribute(Nonce.class);
    if (username.isEmpty() || givenRealm.isEmpty() || nonce.isEmpty()) {
      return refuseMissingAttributes(request);
    }
    if (!nonces.isFresh(nonce.get().value())) {
      return refuseStaleNonce(request);
    }
    Optional<String> password = credentials.passwordFor(username.get().value());
    if (password.isEmpty()) {
      return refuseUnknownUser(request, source);
    }
    byte[] key =
        IntegrityKeys.longTerm(username.get().value(), givenRealm.get().value(), password.get());
    if (!givenRealm.get().value().equals(realm) || !request.hasValidMessageIntegrity(key)) {
      return refuseBadIntegrity(request, source);
    }
    return new Outcome.Accepted(username.get().value(), key);
  }

  /** §9.2.4 step 1: no MESSAGE-INTEGRITY, so 401 with a REALM and a NONCE to try with. */
  private Outcome challenge(StunMessage request, InetAddress source, boolean spoofable) {
    if (spoofable && !challenges.tryAcquire(source)) {
      return new Outcome.Dropped();
    }
    return unauthenticated(request);
  }

  /** §9.2.4 step 2: MESSAGE-INTEGRITY without USERNAME, REALM or NONCE is a 400, unsigned. */
  private Outcome refuseMissingAttributes(StunMessage request) {
    return refused(Responses.error(request, TurnError.BAD_REQUEST, null), TurnError.BAD_REQUEST);
  }

  /** §9.2.4 step 3: an expired or foreign NONCE gets 438 and a fresh one. */
  private Outcome refuseStaleNonce(StunMessage request) {
    byte[] response =
        Responses.error(
            request, TurnError.STALE_NONCE, null, new Realm(realm), new Nonce(nonces.issue()));
    return refused(response, TurnError.STALE_NONCE);
  }

  /** §9.2.4 step 4: a username the REST scheme rejects (malformed, expired) gets 401. */
  private Outcome refuseUnknownUser(StunMessage request, InetAddress source) {
    return failed(request, source);
  }

  /** §9.2.4 step 5: a MESSAGE-INTEGRITY that does not match gets 401. */
  private Outcome refuseBadIntegrity(StunMessage request, InetAddress source) {
    return failed(request, source);
  }

  private Outcome failed(StunMessage request, InetAddress source) {
    metrics.authenticationFailed();
    failures.tryAcquire(source);
    return unauthenticated(request);
  }

  private Outcome unauthenticated(StunMessage request) {
    byte[] response =
        Responses.error(
            request, TurnError.UNAUTHENTICATED, null, new Realm(realm), new Nonce(nonces.issue()));
    return refused(response, TurnError.UNAUTHENTICATED);
  }

  private Outcome refused(byte[] response, TurnError error) {
    return new Outcome.Refused(response, error);
  }
}
