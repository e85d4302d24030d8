package dev.parley.srtp;

import static dev.parley.srtp.SrtpVectorsTest.protectRtcp;
import static dev.parley.srtp.SrtpVectorsTest.protectRtp;
import static dev.parley.srtp.SrtpVectorsTest.unprotectRtcp;
import static dev.parley.srtp.SrtpVectorsTest.unprotectRtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rollover, replay, tampering and the source cap, for both profiles, sender to receiver. */
class SrtpContextTest {
  private static final HexFormat HEX = HexFormat.of();

  private static SrtpContext context(Profile profile) {
    return context(profile, SrtpContext.DEFAULT_MAX_SOURCES);
  }

  private static SrtpContext context(Profile profile, int maxSources) {
    byte[] key = new byte[profile.keyLength];
    byte[] salt = new byte[profile.saltLength];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7 + 1);
    }
    for (int i = 0; i < salt.length; i++) {
      salt[i] = (byte) (i * 13 + 5);
    }
    return new SrtpContext(profile, key, salt, maxSources);
  }

  private static String rtp(int seq, int ssrc) {
    return String.format("80%02x%04x%08x%08x", 0x60, seq, seq * 960, ssrc) + "c0ffee".repeat(5);
  }

  private static String rtcp(int ssrc) {
    return String.format("80c90001%08x", ssrc) + "0000abcd";
  }

  private static int unprotect(SrtpContext receiver, String srtp) {
    byte[] packet = HEX.parseHex(srtp);
    return receiver.unprotectRtp(packet, 0, packet.length);
  }

  private static int unprotectControl(SrtpContext receiver, String srtcp) {
    byte[] packet = HEX.parseHex(srtcp);
    return receiver.unprotectRtcp(packet, 0, packet.length);
  }

  private static String tamper(String packet) {
    char last = packet.charAt(packet.length() - 1);
    return packet.substring(0, packet.length() - 1) + (last == '0' ? '1' : '0');
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void roundTripsAcrossTheSequenceNumberWrap(Profile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    String[] sent = new String[12];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = protectRtp(sender, rtp((65530 + i) & 0xffff, 0x1234));
    }
    // Out of order around the wrap: 0 (ROC 1) before 65535 (ROC 0), then the rest.
    int[] order = {0, 1, 2, 3, 4, 6, 5, 7, 8, 9, 10, 11};
    for (int i : order) {
      assertEquals(rtp((65530 + i) & 0xffff, 0x1234), unprotectRtp(receiver, sent[i]));
    }
    // Seq 0 after the wrap is protected under ROC 1: it differs from seq 0 under ROC 0.
    assertNotEquals(protectRtp(context(profile), rtp(0, 0x1234)), sent[6]);
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void refusesAReplayedPacket(Profile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    String srtp = protectRtp(sender, rtp(7, 1));
    assertEquals(rtp(7, 1), unprotectRtp(receiver, srtp));
    assertEquals(Rejection.REPLAYED, Rejection.of(unprotect(receiver, srtp)));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void refusesAPacketBehindTheWindowButTakesOneInside(Profile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    String old = protectRtp(sender, rtp(100, 1));
    String inside = protectRtp(sender, rtp(101, 1));
    unprotectRtp(receiver, protectRtp(sender, rtp(100 + ReplayWindow.SIZE, 1)));
    assertEquals(Rejection.TOO_OLD, Rejection.of(unprotect(receiver, old)));
    assertEquals(rtp(101, 1), unprotectRtp(receiver, inside));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void refusesATamperedTagAndKeepsItsState(Profile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    String early = protectRtp(sender, rtp(10, 1));
    String far = protectRtp(sender, rtp(10 + 1000, 1));
    assertEquals(Rejection.AUTH_FAILED, Rejection.of(unprotect(receiver, tamper(far))));
    // Had the forged packet moved the window, the earlier packet would now be too old.
    assertEquals(rtp(10, 1), unprotectRtp(receiver, early));
    assertEquals(rtp(1010, 1), unprotectRtp(receiver, far));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void leavesTheBufferAsItWasWhenAPacketFailsToAuthenticate(Profile profile) {
    String forged = tamper(protectRtp(context(profile), rtp(20, 1)));
    byte[] packet = HEX.parseHex(forged);
    int result = context(profile).unprotectRtp(packet, 0, packet.length);
    assertEquals(Rejection.AUTH_FAILED, Rejection.of(result));
    // Nothing decrypted under a tag that did not check may reach the caller's buffer.
    assertEquals(forged, HEX.formatHex(packet));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void numbersSrtcpPacketsAndRefusesReplaysAndTampering(Profile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    String first = protectRtcp(sender, rtcp(9));
    String second = protectRtcp(sender, rtcp(9));
    assertNotEquals(first, second);
    assertEquals(Rejection.AUTH_FAILED, Rejection.of(unprotectControl(receiver, tamper(second))));
    assertEquals(rtcp(9), unprotectRtcp(receiver, second));
    assertEquals(rtcp(9), unprotectRtcp(receiver, first));
    assertEquals(Rejection.REPLAYED, Rejection.of(unprotectControl(receiver, first)));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void refusesANewSourceBeyondTheCapAndKeepsServingTheOthers(Profile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile, 2);
    String one = protectRtp(sender, rtp(1, 1));
    String two = protectRtp(sender, rtp(1, 2));
    String three = protectRtp(sender, rtp(1, 3));
    unprotectRtp(receiver, one);
    unprotectRtp(receiver, two);
    assertEquals(Rejection.TOO_MANY_SOURCES, Rejection.of(unprotect(receiver, three)));
    assertEquals(rtp(2, 1), unprotectRtp(receiver, protectRtp(sender, rtp(2, 1))));
    byte[] control = new byte[64];
    System.arraycopy(HEX.parseHex(rtcp(3)), 0, control, 0, 12);
    SrtpContext capped = context(profile, 1);
    capped.protectRtcp(control, 0, 12);
    System.arraycopy(HEX.parseHex(rtcp(4)), 0, control, 0, 12);
    assertEquals(Rejection.TOO_MANY_SOURCES, Rejection.of(capped.protectRtcp(control, 0, 12)));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void refusesPacketsTooShortForTheirHeaderAndTag(Profile profile) {
    SrtpContext receiver = context(profile);
    assertEquals(Rejection.TOO_SHORT, Rejection.of(unprotect(receiver, "8060000100000000000000")));
    // A header extension that claims more words than the packet has.
    String longExtension = "906000010000000000000001bede00ff" + "00".repeat(30);
    assertEquals(Rejection.TOO_SHORT, Rejection.of(unprotect(receiver, longExtension)));
    assertEquals(Rejection.TOO_SHORT, Rejection.of(unprotectControl(receiver, "80c90001000000")));
  }

  @Test
  void estimatesTheRolloverCounterAsAppendixA() {
    assertEquals(5, SrtpContext.estimateIndex(-1, 5));
    assertEquals(0x1_0000L, SrtpContext.estimateIndex(0xfffaL, 0));
    assertEquals(0xfffaL, SrtpContext.estimateIndex(0x1_0002L, 0xfffa));
    assertEquals(-1, SrtpContext.estimateIndex(3, 0xfff0));
    assertEquals(0x2_8000L, SrtpContext.estimateIndex(0x2_7000L, 0x8000));
  }
}
