package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class UnprotectFuzzTest {
  private static final byte[] KEY = new byte[16];
  private static final byte[] SALT = new byte[14];

  /**
   * Arbitrary bytes as SRTP or SRTCP are rejected with a code or unprotect to a shorter packet,
   * never throw, and never leave the context unable to take a genuine packet afterwards.
   */
  @FuzzTest
  void unprotectRejectsOrShrinksAndKeepsWorking(FuzzedDataProvider data) {
    Profile profile = data.pickValue(Profile.values());
    boolean control = data.consumeBoolean();
    byte[] salt = Arrays.copyOf(SALT, profile.saltLength);
    SrtpContext sender = new SrtpContext(profile, KEY, salt);
    SrtpContext receiver = new SrtpContext(profile, KEY, salt, 2);
    byte[] input = data.consumeRemainingAsBytes();

    int result =
        control
            ? receiver.unprotectRtcp(input, 0, input.length)
            : receiver.unprotectRtp(input, 0, input.length);
    if (result < 0) {
      Rejection.of(result);
    } else {
      assertTrue(result < input.length, "unprotect grew the packet");
    }

    byte[] genuine = new byte[64];
    genuine[0] = (byte) 0x80;
    genuine[1] = (byte) (control ? 0xc9 : 0x60);
    genuine[3] = 1;
    genuine[11] = 7;
    genuine[7] = 7;
    byte[] plain = genuine.clone();
    int length = control ? sender.protectRtcp(genuine, 0, 16) : sender.protectRtp(genuine, 0, 16);
    int back =
        control
            ? receiver.unprotectRtcp(genuine, 0, length)
            : receiver.unprotectRtp(genuine, 0, length);
    assertEquals(16, back, "a genuine packet after the fuzzed one was refused");
    assertEquals(
        Arrays.toString(Arrays.copyOf(plain, 16)), Arrays.toString(Arrays.copyOf(genuine, 16)));
  }
}
