package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code auth: token} over real sockets: every kind of bad token is refused with {@code
 * unauthorized} and a message naming what is wrong, and nothing else changes: the refused
 * connection may try again, and admitted peers carry on.
 */
@Timeout(60)
final class TokenAuthTest {
  private static final String SECRET = "a-test-secret-that-is-at-least-32-characters-long";
  private static final AccessTokens TOKENS =
      new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private TestServer server;

  @BeforeEach
  void start() throws InterruptedException {
    server = TestServer.start("auth=token");
    toClose.add(server);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
  }

  private WsClient client() {
    WsClient client = server.connect();
    toClose.add(client);
    return client;
  }

  private static String token(String room, String identity, String name) {
    return TOKENS.mint(identity, name, room, Duration.ofHours(1), true, true);
  }

  @Test
  void aValidTokenAdmitsUnderTheNameItCarries() {
    WsClient ada = client();
    ada.joinWithToken("standup", "whatever I type", token("standup", "user-1", "Ada"));
    JsonNode welcome = ada.expect("welcome");
    assertThat(welcome.get("room").asText()).isEqualTo("standup");

    WsClient bob = client();
    bob.joinWithToken("standup", "Bob", token("standup", "user-2", null));
    assertThat(bob.expect("welcome").get("peers").get(0).get("name").asText()).isEqualTo("Ada");
    // Without a name in the token, the one the client asked for.
    assertThat(ada.expect("peer-joined").get("peer").get("name").asText()).isEqualTo("Bob");
  }

  @Test
  void theWelcomeCarriesTheTokensPermissions() {
    WsClient viewer = client();
    viewer.joinWithToken(
        "webinar", null, TOKENS.mint("viewer", null, "webinar", Duration.ofHours(1), false, true));
    assertThat(viewer.expect("welcome").get("permissions").toString())
        .isEqualTo("{\"publish\":false,\"data\":true}");
    WsClient quiet = client();
    quiet.joinWithToken(
        "webinar", null, TOKENS.mint("quiet", null, "webinar", Duration.ofHours(1), true, false));
    assertThat(quiet.expect("welcome").get("permissions").toString())
        .isEqualTo("{\"publish\":true,\"data\":false}");
  }

  @Test
  void aTokenForAnyRoomAdmitsToEach() {
    String any = token("*", "user-1", "Ada");
    WsClient first = client();
    first.joinWithToken("one", null, any);
    first.expect("welcome");
    WsClient second = client();
    second.joinWithToken("two", null, any);
    second.expect("welcome");
  }

  @Test
  void aMissingTokenIsRefused() {
    WsClient client = client();
    client.send("join", "room", "standup");
    assertThat(client.expectError("unauthorized").get("message").asText())
        .isEqualTo("this server requires an access token: send it as token in join");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    AccessTokens other =
        new AccessTokens(
            "another-secret-of-at-least-32-characters!".getBytes(StandardCharsets.UTF_8),
            Clock.systemUTC());
    assertRefused(
        "standup",
        other.mint("user-1", "Ada", "standup", Duration.ofHours(1), true, true),
        "the access token's signature is wrong: it was not signed with this server's secret");
  }

  @Test
  void anExpiredTokenIsRefused() {
    Instant issued = Instant.parse("2025-01-01T10:00:00Z");
    AccessTokens past =
        new AccessTokens(
            SECRET.getBytes(StandardCharsets.UTF_8), Clock.fixed(issued, ZoneOffset.UTC));
    assertRefused(
        "standup",
        past.mint("user-1", "Ada", "standup", Duration.ofHours(1), true, true),
        "the access token expired at 2025-01-01T11:00:00Z");
  }

  @Test
  void aTokenNotYetValidIsRefused() throws Exception {
    Instant later =
        Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String token =
        sign(
            new JWTClaimsSet.Builder()
                .subject("user-1")
                .claim("room", "standup")
                .notBeforeTime(Date.from(later))
                .expirationTime(Date.from(later.plus(Duration.ofHours(1))))
                .build(),
            SECRET);
    assertRefused("standup", token, "the access token is not valid before " + later);
  }

  @Test
  void aTokenForAnotherRoomIsRefused() {
    assertRefused(
        "standup",
        token("retro", "user-1", "Ada"),
        "the access token is for room 'retro', not 'standup'");
  }

  @Test
  void malformedTokensAreRefused() throws Exception {
    assertRefused("standup", "not-a-jwt", "the access token is not a signed JWT");
    String noExpiry =
        sign(new JWTClaimsSet.Builder().subject("user-1").claim("room", "standup").build(), SECRET);
    assertRefused("standup", noExpiry, "the access token has no exp (expiry) claim");
    Date inAnHour = Date.from(Instant.now().plus(Duration.ofHours(1)));
    assertRefused(
        "standup",
        sign(
            new JWTClaimsSet.Builder().claim("room", "standup").expirationTime(inAnHour).build(),
            SECRET),
        "the access token has no sub (identity) claim");
    assertRefused(
        "standup",
        sign(new JWTClaimsSet.Builder().subject("u").expirationTime(inAnHour).build(), SECRET),
        "the access token has no room claim");
    assertRefused(
        "standup",
        sign(
            new JWTClaimsSet.Builder()
                .subject("u")
                .claim("room", "standup")
                .claim("publish", "yes")
                .expirationTime(inAnHour)
                .build(),
            SECRET),
        "the access token's publish claim must be true or false");
    // An unsigned token ("alg": "none") is not accepted however its claims read.
    String unsigned =
        new com.nimbusds.jwt.PlainJWT(
                new JWTClaimsSet.Builder()
                    .subject("u")
                    .claim("room", "standup")
                    .expirationTime(inAnHour)
                    .build())
            .serialize();
    assertRefused("standup", unsigned, "the access token is not a signed JWT");
  }

  @Test
  void aRefusedConnectionMayTryAgainAndOthersCarryOn() {
    WsClient ada = client();
    ada.joinWithToken("standup", null, token("standup", "user-1", "Ada"));
    ada.expect("welcome");

    WsClient bob = client();
    bob.joinWithToken("standup", null, token("retro", "user-2", "Bob"));
    bob.expectError("unauthorized");
    ada.expectNothing();
    bob.joinWithToken("standup", null, token("standup", "user-2", "Bob"));
    String bobId = bob.expect("welcome").get("peerId").asText();
    assertThat(ada.expect("peer-joined").get("peer").get("peerId").asText()).isEqualTo(bobId);
  }

  @Test
  void turnCredentialsGoOnlyToAdmittedPeers() throws Exception {
    try (TestServer withTurn =
            TestServer.start(
                "secret=" + SECRET, "drain-timeout=0s", "turn=true", "turn-port=0", "auth=token");
        WsClient refused = WsClient.connect(withTurn.ws(), null);
        WsClient admitted = WsClient.connect(withTurn.ws(), null)) {
      refused.joinWithToken("standup", null, token("retro", "user-1", null));
      refused.expectError("unauthorized");
      refused.expectNothing();

      admitted.joinWithToken("standup", null, token("standup", "user-2", null));
      JsonNode iceServers = admitted.expect("welcome").get("iceServers");
      assertThat(iceServers.findValuesAsText("username")).isNotEmpty();
    }
  }

  @Test
  void resumingNeedsAValidTokenToo() {
    WsClient ada = client();
    String token = token("standup", "user-1", "Ada");
    ada.joinWithToken("standup", null, token);
    JsonNode welcome = ada.expect("welcome");
    ada.abort();

    WsClient back = client();
    back.send("join", "room", "standup", "resume", welcome.get("resume").asText());
    back.expectError("unauthorized");
    back.send("join", "room", "standup", "resume", welcome.get("resume").asText(), "token", token);
    JsonNode resumed = back.expect("welcome");
    assertThat(resumed.get("resumed").asBoolean()).isTrue();
    assertThat(resumed.get("peerId").asText()).isEqualTo(welcome.get("peerId").asText());
  }

  @Test
  void openModeLetsAnyoneIn() throws Exception {
    try (TestServer open = TestServer.start();
        WsClient client = open.connect()) {
      client.send("join", "room", "standup", "token", "not-even-a-jwt");
      assertThat(client.expect("welcome").get("permissions").toString())
          .isEqualTo("{\"publish\":true,\"data\":true}");
    }
  }

  private void assertRefused(String room, String token, String message) {
    WsClient client = client();
    client.joinWithToken(room, "Ada", token);
    assertThat(client.expectError("unauthorized").get("message").asText()).isEqualTo(message);
    // Refused before any room saw it: nothing else follows, and the room was not created.
    client.expectNothing();
    client.send("ping");
    client.expect("pong");
  }

  private static String sign(JWTClaimsSet claims, String secret) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }
}
