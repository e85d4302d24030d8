package dev.parley.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.protocol.DisplayName;
import dev.parley.protocol.ProtocolException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Access tokens: JWTs signed with HS256 and the server's secret by the application's backend (or by
 * {@code parley token}). Claims: {@code sub} (identity), {@code name}, {@code room} (a room name or
 * {@code *}), {@code exp}, optional {@code nbf}, and the permissions {@code publish} and {@code
 * data} (both true when absent). Thread-safe.
 */
public final class AccessTokens {
  public static final String ANY_ROOM = "*";

  /** Tolerated difference between the clocks of the token's issuer and this server. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

  /** Why a token was refused, in words for the client. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] secret;
  private final JWSVerifier verifier;
  private final Clock clock;

  /**
   * @param secret at least 32 bytes, as HS256 requires (the {@code secret} setting ensures it)
   */
  public AccessTokens(byte[] secret, Clock clock) {
    this.secret = secret.clone();
    this.clock = clock;
    try {
      this.verifier = new MACVerifier(this.secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes", e);
    }
  }

  /** A signed token; {@code name} may be {@code null}. */
  public String mint(
      String identity, String name, String room, Duration ttl, boolean publish, boolean data) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(identity)
            .claim("room", room)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .claim("publish", publish)
            .claim("data", data);
    if (name != null) {
      claims.claim("name", name);
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException("HS256 signing failed", e);
    }
    return jwt.serialize();
  }

  /**
   * The grant of a token for {@code room}.
   *
   * @param requestedName the name the client asked for, used when the token names nobody
   * @throws Invalid saying what is wrong: missing, malformed, signature, expired, not yet valid,
   *     another room
   */
  public AccessGrant verify(String token, String room, String requestedName) throws Invalid {
    if (token == null) {
      throw new Invalid("this server requires an access token: send it as token in join");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new Invalid("the access token is not a signed JWT");
    }
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw new Invalid(
          "the access token must be signed with HS256, not " + jwt.getHeader().getAlgorithm());
    }
    if (!signatureMatches(jwt)) {
      throw new Invalid(
          "the access token's signature is wrong: it was not signed with this server's secret");
    }
    Instant now = clock.instant();
    Date expiry = claims.getExpirationTime();
    if (expiry == null) {
      throw new Invalid("the access token has no exp (expiry) claim");
    }
    if (!now.minus(CLOCK_SKEW).isBefore(expiry.toInstant())) {
      throw new Invalid("the access token expired at " + expiry.toInstant());
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
      throw new Invalid("the access token is not valid before " + notBefore.toInstant());
    }
    String identity = text(claims, "sub");
    if (identity == null || identity.isEmpty()) {
      throw new Invalid("the access token has no sub (identity) claim");
    }
    String tokenRoom = text(claims, "room");
    if (tokenRoom == null) {
      throw new Invalid("the access token has no room claim");
    }
    if (!tokenRoom.equals(ANY_ROOM) && !tokenRoom.equals(room)) {
      throw new Invalid("the access token is for room '" + tokenRoom + "', not '" + room + "'");
    }
    String name = displayName(text(claims, "name"));
    return new AccessGrant(
        identity,
        name != null ? name : requestedName,
        permission(claims, "publish"),
        permission(claims, "data"));
  }

  private static String displayName(String name) throws Invalid {
    try {
      return DisplayName.check(name);
    } catch (ProtocolException e) {
      throw new Invalid("the access token's name claim is not a valid name: " + e.getMessage());
    }
  }

  private boolean signatureMatches(SignedJWT jwt) throws Invalid {
    try {
      return jwt.verify(verifier);
    } catch (JOSEException e) {
      throw new Invalid("the access token cannot be verified: " + e.getMessage());
    }
  }

  private static String text(JWTClaimsSet claims, String claim) throws Invalid {
    Object value = claims.getClaim(claim);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new Invalid("the access token's " + claim + " claim must be a string");
    }
    return text;
  }

  private static boolean permission(JWTClaimsSet claims, String claim) throws Invalid {
    Object value = claims.getClaim(claim);
    if (value == null) {
      return true;
    }
    if (!(value instanceof Boolean allowed)) {
      throw new Invalid("the access token's " + claim + " claim must be true or false");
    }
    return allowed;
  }
}
