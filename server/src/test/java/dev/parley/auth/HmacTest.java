package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The shared HMAC against the published test vectors (RFC 2202 for SHA-1, RFC 4231 for SHA-256).
 */
final class HmacTest {
  private static final byte[] KEY = "Jefe".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA =
      "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

  @Test
  void sha1MatchesRfc2202TestCase2() {
    assertThat(HexFormat.of().formatHex(Hmac.sha1(KEY).sign(DATA)))
        .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  }

  @Test
  void sha256MatchesRfc4231TestCase2() {
    assertThat(HexFormat.of().formatHex(Hmac.sha256(KEY).sign(DATA)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void oneInstanceSignsFromManyThreads() throws Exception {
    Hmac hmac = Hmac.sha256(KEY);
    byte[] expected = hmac.sign(DATA);
    Thread[] threads = new Thread[4];
    boolean[] same = new boolean[threads.length];
    for (int i = 0; i < threads.length; i++) {
      int index = i;
      threads[i] =
          new Thread(
              () -> {
                boolean ok = true;
                for (int n = 0; n < 1000; n++) {
                  ok &= java.util.Arrays.equals(expected, hmac.sign(DATA));
                }
                same[index] = ok;
              });
      threads[i].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(same).containsOnly(true);
  }
}
