package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every attribute encodes to the bytes its RFC section describes and decodes back to itself. */
class AttributeCodecTest {
  static final TransactionId TRANSACTION_ID = new TransactionId(0xb7e7a701bc34d686L, 0xfa87dfae);
  static final MessageType BINDING_REQUEST = new MessageType(Method.BINDING, MessageClass.REQUEST);

  static Stream<Arguments> attributes() throws UnknownHostException {
    InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
    InetSocketAddress v6 =
        new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
    String xorV4 = "0001a147 e112a643"; // RFC 5769 §2.2
    String xorV6 = "0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9"; // RFC 5769 §2.3
    return Stream.of(
        Arguments.of(new MappedAddress(v4), "0001 8055 c0000201"),
        Arguments.of(new MappedAddress(v6), "0002 8055 20010db8 12345678 00112233 44556677"),
        Arguments.of(new XorMappedAddress(v4), xorV4),
        Arguments.of(new XorMappedAddress(v6), xorV6),
        Arguments.of(new XorPeerAddress(v4), xorV4),
        Arguments.of(new XorPeerAddress(v6), xorV6),
        Arguments.of(new XorRelayedAddress(v4), xorV4),
        Arguments.of(new XorRelayedAddress(v6), xorV6),
        Arguments.of(new Username("evtj:h6vY"), "6576746a 3a683676 59"),
        Arguments.of(new Realm("example.org"), "6578616d 706c652e 6f7267"),
        Arguments.of(new Nonce("f//499k9"), "662f2f34 39396b39"),
        Arguments.of(new Software(""), ""),
        Arguments.of(new ErrorCode(401, "Unauthorized"), "00000401 556e6175 74686f72 697a6564"),
        Arguments.of(new ErrorCode(699, ""), "00000663"),
        Arguments.of(new UnknownAttributes(List.of(0x7777, 0x0030, 0x0030)), "7777 0030 0030"),
        Arguments.of(
            new MessageIntegrity(Hex.bytes("9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2")),
            "9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2"),
        Arguments.of(
            new MessageIntegritySha256(Hex.bytes("00112233445566778899aabbccddeeff")),
            "00112233 44556677 8899aabb ccddeeff"),
        Arguments.of(new Fingerprint(0xe57a3bcf), "e57a3bcf"),
        Arguments.of(new ChannelNumber(0x4000), "4000 0000"),
        Arguments.of(new Lifetime(600), "00000258"),
        Arguments.of(new Lifetime(0xFFFFFFFFL), "ffffffff"),
        Arguments.of(new Data(Hex.bytes("68656c6c6f")), "68656c6c6f"),
        Arguments.of(new Data(new byte[0]), ""),
        Arguments.of(new RequestedAddressFamily(AddressFamily.IPV6), "02000000"),
        Arguments.of(new AdditionalAddressFamily(AddressFamily.IPV6), "02000000"),
        Arguments.of(new EvenPort(true), "80"),
        Arguments.of(new EvenPort(false), "00"),
        Arguments.of(new RequestedTransport(RequestedTransport.UDP), "11000000"),
        Arguments.of(new DontFragment(), ""),
        Arguments.of(new ReservationToken(0x0102030405060708L), "01020304 05060708"),
        Arguments.of(new AddressErrorCode(AddressFamily.IPV4, 440, "no"), "01000428 6e6f"),
        Arguments.of(new Icmp(3, 4, 1400), "00000304 00000578"),
        Arguments.of(
            new PasswordAlgorithms(
                List.of(
                    new PasswordAlgorithm(PasswordAlgorithm.MD5),
                    new PasswordAlgorithm(PasswordAlgorithm.SHA256))),
            "00010000 00020000"),
        Arguments.of(new PasswordAlgorithm(0x1234, Hex.bytes("010203")), "1234 0003 01020300"),
        Arguments.of(
            new UserHash(
                Hex.bytes("4a3cf38fef6992bda952c6780417da0f24819415569e60b205c46e41407f1704")),
            "4a3cf38f ef6992bd a952c678 0417da0f 24819415 569e60b2 05c46e41 407f1704"),
        Arguments.of(new Priority(0x6e0001ffL), "6e0001ff"),
        Arguments.of(new UseCandidate(), ""),
        Arguments.of(new IceControlled(0x932ff9b151263b36L), "932ff9b1 51263b36"),
        Arguments.of(new IceControlling(-1L), "ffffffff ffffffff"),
        Arguments.of(new RawAttribute(0x7777, Hex.bytes("010203")), "010203"),
        Arguments.of(new RawAttribute(0xc0de, new byte[0]), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributes")
  void encodesAndDecodesBack(StunAttribute attribute, String value) throws StunParseException {
    byte[] expectedValue = Hex.bytes(value);
    byte[] encoded = new StunMessage(BINDING_REQUEST, TRANSACTION_ID, List.of(attribute)).encode();

    assertThat(Hex.of(Arrays.copyOfRange(encoded, 24, 24 + expectedValue.length)))
        .isEqualTo(Hex.of(expectedValue));
    assertThat(encoded).hasSize(24 + StunMessage.padded(expectedValue.length));
    assertThat(encoded[22] << 8 | encoded[23] & 0xFF).isEqualTo(expectedValue.length);
    assertThat(StunMessage.decode(encoded).attributes()).containsExactly(attribute);
  }

  @Test
  void keepsAnIpv4MappedIpv6AddressInTheIpv6Family() throws Exception {
    byte[] mapped = Hex.bytes("00000000 00000000 0000ffff c0000201");
    StunMessage message =
        new StunMessage(
            BINDING_REQUEST,
            TRANSACTION_ID,
            List.of(
                new XorPeerAddress(
                    new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), 3478))));

    StunMessage decoded = StunMessage.decode(message.encode());

    assertThat(decoded.attribute(XorPeerAddress.class).orElseThrow().address().getAddress())
        .isInstanceOf(Inet6Address.class);
    assertThat(decoded).isEqualTo(message);
  }

  @Test
  void constructorsRejectWhatCannotBeEncoded() {
    assertThatThrownBy(() -> new RawAttribute(0x0006, new byte[0]))
        .hasMessage("USERNAME has its own record");
    assertThatThrownBy(() -> new ErrorCode(200, "OK"))
        .hasMessage("ERROR-CODE code must be between 300 and 699: 200");
    assertThatThrownBy(() -> new Username("\uD800"))
        .hasMessage("USERNAME text has an unpaired surrogate");
    assertThatThrownBy(() -> new Software("a".repeat(764)))
        .hasMessage("SOFTWARE text is 764 UTF-8 bytes, longer than 763");
    assertThatThrownBy(() -> new Lifetime(1L << 32))
        .hasMessage("LIFETIME value must fit in 32 unsigned bits: 4294967296");
    assertThatThrownBy(() -> new MessageIntegritySha256(new byte[18]))
        .hasMessage("MESSAGE-INTEGRITY-SHA256 is 16 to 32 bytes in steps of 4, not 18");
    assertThatThrownBy(
            () -> new XorMappedAddress(InetSocketAddress.createUnresolved("example.org", 3478)))
        .hasMessageStartingWith("XOR-MAPPED-ADDRESS needs a resolved address");
  }

  @Test
  void refusesToEncodeMoreThanALengthFieldCanSay() {
    StunMessage tooLong =
        new StunMessage(
            BINDING_REQUEST,
            TRANSACTION_ID,
            List.of(new Data(new byte[40_000]), new Data(new byte[40_000])));

    assertThatThrownBy(tooLong::encode)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("attributes take 80008 bytes, more than a STUN message can carry");
  }
}
