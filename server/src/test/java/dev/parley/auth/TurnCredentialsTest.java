package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials.Credential;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class TurnCredentialsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
  private final TurnCredentials credentials =
      new TurnCredentials("secret".getBytes(StandardCharsets.UTF_8), CLOCK);

  @Test
  void restSchemeUsernameAndPassword() {
    Credential credential = credentials.issue("peer-1", Duration.ofHours(12));

    assertThat(credential.username()).isEqualTo("1700043200:peer-1");
    // base64(HMAC-SHA1("secret", "1700043200:peer-1")), computed with
    // printf '1700043200:peer-1' | openssl dgst -sha1 -hmac secret -binary | base64
    assertThat(credential.password()).isEqualTo("9iWtG1rrZJXq2mtPsYbW3wXiCCY=");
    assertThat(credentials.passwordFor(credential.username())).contains(credential.password());
  }

  @Test
  void expiredAndMalformedUsernamesHaveNoPassword() {
    assertThat(credentials.passwordFor("1699999999:peer-1")).isEmpty();
    assertThat(credentials.passwordFor("1700000000:peer-1")).isEmpty();
    assertThat(credentials.passwordFor("peer-1")).isEmpty();
    assertThat(credentials.passwordFor("soon:peer-1")).isEmpty();
    assertThat(credentials.passwordFor("1700000001")).isPresent();
  }
}
