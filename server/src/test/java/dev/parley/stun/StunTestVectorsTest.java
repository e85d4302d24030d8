package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The test vectors of RFC 5769 §2 and RFC 8489 Appendix B.1, typed from the RFCs. */
class StunTestVectorsTest {
  static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
  static final TransactionId TRANSACTION_ID = new TransactionId(0xb7e7a701bc34d686L, 0xfa87dfae);

  /** §2.1: Binding request with short-term credentials; USERNAME padded with spaces. */
  static final byte[] SAMPLE_REQUEST =
      Hex.bytes(
          """
      0001 0058 2112a442 b7e7a701 bc34d686 fa87dfae
      8022 0010 5354554e 20746573 7420636c 69656e74
      0024 0004 6e0001ff
      8029 0008 932ff9b1 51263b36
      0006 0009 6576746a 3a683676 59202020
      0008 0014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2
      8028 0004 e57a3bcf
      """);

  /** §2.2: Binding success response, XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
  static final byte[] SAMPLE_IPV4_RESPONSE =
      Hex.bytes(
          """
      0101 003c 2112a442 b7e7a701 bc34d686 fa87dfae
      8022 000b 74657374 20766563 746f7220
      0020 0008 0001a147 e112a643
      0008 0014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7
      8028 0004 c07d4c96
      """);

  /**
   * §2.3: Binding success response, XOR-MAPPED-ADDRESS
   * [2001:db8:1234:5678:11:2233:4455:6677]:32853.
   */
  static final byte[] SAMPLE_IPV6_RESPONSE =
      Hex.bytes(
          """
      0101 0048 2112a442 b7e7a701 bc34d686 fa87dfae
      8022 000b 74657374 20766563 746f7220
      0020 0014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9
      0008 0014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41
      8028 0004 c8fb0b4c
      """);

  /** §2.4: Binding request with long-term credentials and a non-ASCII user name. */
  static final byte[] SAMPLE_LONG_TERM_REQUEST =
      Hex.bytes(
          """
      0001 0060 2112a442 78ad3433 c6ad72c0 29da412e
      0006 0012 e3839ee3 8388e383 aae38383 e382afe3 82b90000
      0015 001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341
      0014 000b 6578616d 706c652e 6f726700
      0008 0014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666
      """);

  /**
   * RFC 8489 B.1: the same request with USERHASH, PASSWORD-ALGORITHM SHA-256 and
   * MESSAGE-INTEGRITY-SHA256.
   */
  static final byte[] SAMPLE_SHA256_REQUEST =
      Hex.bytes(
          """
      0001 0090 2112a442 78ad3433 c6ad72c0 29da412e
      001e 0020 4a3cf38f ef6992bd a952c678 0417da0f 24819415 569e60b2 05c46e41 407f1704
      0015 0029 6f624d61 744a6f73 32414141 43662f2f 3439396b 39353464 364f4c33 346f4c39 46535476 79363473 41000000
      0014 000b 6578616d 706c652e 6f726700
      001d 0004 00020000
      001c 0020 b5c7bf00 5b6c52a2 1c51c5e8 92f81924 136296cb 927c4314 9309278c c6518e65
      """);

  static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
  static final String LONG_TERM_NONCE = "f//499k954d6OL34oL9FSTvy64sA";

  /** The password after SASLprep/OpaqueString, which this codec leaves to its caller. */
  static final String LONG_TERM_PASSWORD = "TheMatrIX";

  static Stream<Named<byte[]>> vectors() {
    return Stream.of(
        Named.of("2.1 sample request", SAMPLE_REQUEST),
        Named.of("2.2 IPv4 response", SAMPLE_IPV4_RESPONSE),
        Named.of("2.3 IPv6 response", SAMPLE_IPV6_RESPONSE),
        Named.of("2.4 long-term request", SAMPLE_LONG_TERM_REQUEST),
        Named.of("RFC 8489 B.1 SHA-256 request", SAMPLE_SHA256_REQUEST));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void reEncodesByteForByte(byte[] vector) throws StunParseException {
    assertThat(Hex.of(StunMessage.decode(vector).encode())).isEqualTo(Hex.of(vector));
  }

  @Test
  void sampleRequest() throws StunParseException {
    StunMessage message = StunMessage.decode(SAMPLE_REQUEST);

    assertThat(message.type()).isEqualTo(new MessageType(Method.BINDING, MessageClass.REQUEST));
    assertThat(message.transactionId()).isEqualTo(TRANSACTION_ID);
    assertThat(message.attributes())
        .containsExactly(
            new Software("STUN test client"),
            new Priority(0x6e0001ffL),
            new IceControlled(0x932ff9b151263b36L),
            new Username("evtj:h6vY"),
            new MessageIntegrity(Hex.bytes("9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2")),
            new Fingerprint(0xe57a3bcf));
    assertThat(message.hasValidMessageIntegrity(IntegrityKeys.shortTerm(PASSWORD))).isTrue();
    assertThat(message.hasValidFingerprint()).isTrue();
    assertThat(message.unknownComprehensionRequired()).isEmpty();
  }

  @Test
  void sampleIpv4Response() throws Exception {
    StunMessage message = StunMessage.decode(SAMPLE_IPV4_RESPONSE);

    assertThat(message.type())
        .isEqualTo(new MessageType(Method.BINDING, MessageClass.SUCCESS_RESPONSE));
    assertThat(message.transactionId()).isEqualTo(TRANSACTION_ID);
    assertThat(message.attributes())
        .startsWith(
            new Software("test vector"),
            new XorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)));
    assertThat(message.hasValidMessageIntegrity(IntegrityKeys.shortTerm(PASSWORD))).isTrue();
    assertThat(message.hasValidFingerprint()).isTrue();
  }

  @Test
  void sampleIpv6Response() throws Exception {
    StunMessage message = StunMessage.decode(SAMPLE_IPV6_RESPONSE);

    assertThat(message.type())
        .isEqualTo(new MessageType(Method.BINDING, MessageClass.SUCCESS_RESPONSE));
    assertThat(message.attribute(XorMappedAddress.class))
        .contains(
            new XorMappedAddress(
                new InetSocketAddress(
                    InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853)));
    assertThat(message.attribute(Software.class)).contains(new Software("test vector"));
    assertThat(message.hasValidMessageIntegrity(IntegrityKeys.shortTerm(PASSWORD))).isTrue();
    assertThat(message.hasValidFingerprint()).isTrue();
  }

  @Test
  void sampleLongTermRequest() throws StunParseException {
    StunMessage message = StunMessage.decode(SAMPLE_LONG_TERM_REQUEST);
    byte[] key = IntegrityKeys.longTerm(LONG_TERM_USERNAME, "example.org", LONG_TERM_PASSWORD);

    assertThat(message.transactionId())
        .isEqualTo(new TransactionId(0x78ad3433c6ad72c0L, 0x29da412e));
    assertThat(message.attributes())
        .startsWith(
            new Username(LONG_TERM_USERNAME), new Nonce(LONG_TERM_NONCE), new Realm("example.org"));
    assertThat(message.hasValidMessageIntegrity(key)).isTrue();
    assertThat(
            message.hasValidMessageIntegrity(
                IntegrityKeys.longTerm(LONG_TERM_USERNAME, "example.org", "x")))
        .isFalse();
    assertThat(message.hasValidFingerprint()).isFalse();
  }

  /** §2.4 pads with zeros, so building it from its fields must reproduce it, integrity included. */
  @Test
  void buildsTheLongTermRequestFromItsFields() {
    StunMessage built =
        new StunMessage(
                new MessageType(Method.BINDING, MessageClass.REQUEST),
                new TransactionId(0x78ad3433c6ad72c0L, 0x29da412e),
                List.of(
                    new Username(LONG_TERM_USERNAME),
                    new Nonce(LONG_TERM_NONCE),
                    new Realm("example.org")))
            .withMessageIntegrity(
                IntegrityKeys.longTerm(LONG_TERM_USERNAME, "example.org", LONG_TERM_PASSWORD));

    assertThat(Hex.of(built.encode())).isEqualTo(Hex.of(SAMPLE_LONG_TERM_REQUEST));
  }

  @Test
  void sampleSha256Request() throws StunParseException {
    StunMessage message = StunMessage.decode(SAMPLE_SHA256_REQUEST);

    assertThat(message.attributes())
        .containsExactly(
            UserHash.of(LONG_TERM_USERNAME, "example.org"),
            new Nonce("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA"),
            new Realm("example.org"),
            new PasswordAlgorithm(PasswordAlgorithm.SHA256),
            new MessageIntegritySha256(
                Hex.bytes("b5c7bf005b6c52a21c51c5e892f81924136296cb927c43149309278cc6518e65")));
    assertThat(
            message.hasValidMessageIntegritySha256(
                IntegrityKeys.longTermSha256(
                    LONG_TERM_USERNAME, "example.org", LONG_TERM_PASSWORD)))
        .isTrue();
    assertThat(
            message.hasValidMessageIntegrity(
                IntegrityKeys.longTermSha256(
                    LONG_TERM_USERNAME, "example.org", LONG_TERM_PASSWORD)))
        .isFalse();
  }
}
