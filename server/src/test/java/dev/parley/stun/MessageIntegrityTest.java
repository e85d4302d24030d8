package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MessageIntegrityTest {
  static final byte[] KEY = IntegrityKeys.longTerm("alice", "parley", "secret");
  static final StunMessage REQUEST =
      new StunMessage(
          new MessageType(Method.ALLOCATE, MessageClass.REQUEST),
          TransactionId.random(),
          List.of(
              new Username("alice"),
              new Realm("parley"),
              new Nonce("n0nce"),
              new RequestedTransport(RequestedTransport.UDP)));

  @Test
  void integrityAndFingerprintSurviveTheWire() throws StunParseException {
    StunMessage sent =
        REQUEST.withMessageIntegrity(KEY).withMessageIntegritySha256(KEY).withFingerprint();

    StunMessage received = StunMessage.decode(sent.encode());

    assertThat(received).isEqualTo(sent);
    assertThat(received.hasValidMessageIntegrity(KEY)).isTrue();
    assertThat(received.hasValidMessageIntegritySha256(KEY)).isTrue();
    assertThat(received.hasValidFingerprint()).isTrue();
    assertThat(
            received.hasValidMessageIntegrity(IntegrityKeys.longTerm("alice", "parley", "guess")))
        .isFalse();
    assertThat(
            received.hasValidMessageIntegritySha256(
                IntegrityKeys.longTerm("alice", "parley", "guess")))
        .isFalse();
  }

  @Test
  void aBuiltMessageVerifiesToo() {
    StunMessage built = REQUEST.withMessageIntegrity(KEY).withFingerprint();

    assertThat(built.hasValidMessageIntegrity(KEY)).isTrue();
    assertThat(built.hasValidFingerprint()).isTrue();
  }

  @Test
  void absentAttributesDoNotVerify() {
    assertThat(REQUEST.hasValidMessageIntegrity(KEY)).isFalse();
    assertThat(REQUEST.hasValidMessageIntegritySha256(KEY)).isFalse();
    assertThat(REQUEST.hasValidFingerprint()).isFalse();
  }

  @Test
  void aChangedByteFailsBothChecks() throws StunParseException {
    byte[] wire = REQUEST.withMessageIntegrity(KEY).withFingerprint().encode();
    wire[24] ^= 0x20; // the first letter of the user name

    StunMessage tampered = StunMessage.decode(wire);

    assertThat(tampered.attribute(Username.class)).contains(new Username("Alice"));
    assertThat(tampered.hasValidMessageIntegrity(KEY)).isFalse();
    assertThat(tampered.hasValidFingerprint()).isFalse();
  }

  @Test
  void fingerprintCoversAttributesIgnoredAfterIntegrity() throws StunParseException {
    byte[] datagram =
        Hex.stun(
            "0001",
            "0006 0001 61000000"
                + "0008 0014"
                + "00".repeat(20)
                + "8022 0001 62000000"
                + "8028 0004 00000000");
    ByteBuffer.wrap(datagram)
        .putInt(
            datagram.length - 4,
            Integrity.fingerprint(ByteBuffer.wrap(datagram), datagram.length - 8));

    StunMessage message = StunMessage.decode(datagram);

    assertThat(message.attributes())
        .extracting(StunAttribute::type)
        .containsExactly(0x0006, 0x0008, 0x8028);
    assertThat(message.hasValidFingerprint()).isTrue();
  }

  /**
   * Reserved bits must be ignored, yet are covered by the HMAC: verification uses the received
   * bytes.
   */
  @Test
  void verifiesOverTheBytesAsReceived() throws Exception {
    byte[] prefix = Hex.stun("0101", "0020 0008 ff01a147 e112a643"); // reserved byte 0xff
    prefix[3] = 12 + 24; // the length field covers MESSAGE-INTEGRITY
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(KEY, "HmacSHA1"));
    byte[] datagram = Hex.bytes(Hex.of(prefix) + "0008 0014" + Hex.of(mac.doFinal(prefix)));

    StunMessage message = StunMessage.decode(datagram);

    assertThat(message.hasValidMessageIntegrity(KEY)).isTrue();
    assertThat(Hex.of(message.encode())).isNotEqualTo(Hex.of(datagram));
  }

  @Test
  void anEmptyKeyIsAValidHmacKey() throws Exception {
    StunMessage message = REQUEST.withMessageIntegrity(IntegrityKeys.shortTerm(""));

    assertThat(StunMessage.decode(message.encode()).hasValidMessageIntegrity(new byte[0])).isTrue();
  }

  @Test
  void integrityAttributesKeepTheirOrder() {
    StunMessage fingerprinted = REQUEST.withFingerprint();

    assertThatThrownBy(() -> fingerprinted.withMessageIntegrity(KEY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot add MESSAGE-INTEGRITY after FINGERPRINT");
    assertThatThrownBy(() -> REQUEST.withMessageIntegritySha256(KEY).withMessageIntegrity(KEY))
        .hasMessage("cannot add MESSAGE-INTEGRITY after MESSAGE-INTEGRITY-SHA256");
    assertThatThrownBy(fingerprinted::withFingerprint)
        .hasMessage("cannot add FINGERPRINT after FINGERPRINT");
  }

  @Test
  void keysFollowRfc8489() {
    assertThat(Hex.of(IntegrityKeys.shortTerm("VOkJxbRl1RmTxUk/WvJxBt")))
        .isEqualTo(
            Hex.of("VOkJxbRl1RmTxUk/WvJxBt".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    // MD5("user:realm:pass"): the key formula of RFC 8489 §9.2.2.
    assertThat(Hex.of(IntegrityKeys.longTerm("user", "realm", "pass")))
        .isEqualTo("8493fbc53ba582fb4c044c456bdc40eb");
  }
}
