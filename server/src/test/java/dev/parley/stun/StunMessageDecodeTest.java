package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunMessageDecodeTest {
  static final String TID = Hex.TRANSACTION_ID;

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            "empty datagram", Hex.bytes(""), "a STUN message needs a 20-byte header, got 0 bytes"),
        Arguments.of(
            "truncated header",
            Hex.bytes("0001 0000 2112a442 b7e7a701 bc34d686 fa87df"),
            "a STUN message needs a 20-byte header, got 19 bytes"),
        Arguments.of(
            "first two bits set",
            Hex.bytes("4001 0000 2112a442" + TID),
            "the first two bits of a STUN message must be zero"),
        Arguments.of(
            "bad magic cookie",
            Hex.bytes("0001 0000 2112a443" + TID),
            "magic cookie is 0x2112a443, not 0x2112a442"),
        Arguments.of(
            "length not a multiple of 4",
            Hex.bytes("0001 0002 2112a442" + TID + "0000"),
            "message length 2 is not a multiple of 4"),
        Arguments.of(
            "length beyond the datagram",
            Hex.bytes("0001 0008 2112a442" + TID + "00000000"),
            "message length 8 does not match the 4 bytes after the header"),
        Arguments.of(
            "length short of the datagram",
            Hex.bytes("0001 0000 2112a442" + TID + "00000000"),
            "message length 0 does not match the 4 bytes after the header"),
        Arguments.of(
            "value overruns the message",
            Hex.stun("0001", "0006 0009 61626364"),
            "USERNAME at offset 20: a value of 9 bytes (12 with padding) overruns the 4 bytes left"),
        Arguments.of(
            "padding overruns the message",
            Hex.stun("0001", "0018 0001"),
            "EVEN-PORT at offset 20: a value of 1 bytes (4 with padding) overruns the 0 bytes left"),
        Arguments.of(
            "unknown attribute overruns",
            Hex.stun("0001", "0006 0000 7777 0004"),
            "attribute 0x7777 at offset 24: a value of 4 bytes (4 with padding) overruns the 0 bytes left"),
        Arguments.of(
            "attribute after FINGERPRINT",
            Hex.stun("0001", "8028 0004 00000000 8022 0000"),
            "SOFTWARE follows FINGERPRINT, which must be the last attribute"),
        Arguments.of(
            "unknown address family",
            Hex.stun("0101", "0020 0008 0003a147 e112a643"),
            "XOR-MAPPED-ADDRESS: family 0x03 is neither IPv4 (0x01) nor IPv6 (0x02)"),
        Arguments.of(
            "IPv4 address of IPv6 size",
            Hex.stun("0101", "0001 0014 00010d96" + "00".repeat(16)),
            "MAPPED-ADDRESS: value is 20 bytes, expected 8"),
        Arguments.of(
            "address without port",
            Hex.stun("0103", "0016 0002 00010000"),
            "XOR-RELAYED-ADDRESS: value is 2 bytes, shorter than 4"),
        Arguments.of(
            "USERNAME not UTF-8",
            Hex.stun("0001", "0006 0002 c3280000"),
            "USERNAME: value is not valid UTF-8"),
        Arguments.of(
            "SOFTWARE too long",
            Hex.stun("0001", "8022 02fc" + "61".repeat(764)),
            "SOFTWARE: value is 764 bytes, longer than 763"),
        Arguments.of(
            "MESSAGE-INTEGRITY of 16 bytes",
            Hex.stun("0001", "0008 0010" + "00".repeat(16)),
            "MESSAGE-INTEGRITY: value is 16 bytes, expected 20"),
        Arguments.of(
            "MESSAGE-INTEGRITY-SHA256 of 12 bytes",
            Hex.stun("0001", "001c 000c" + "00".repeat(12)),
            "MESSAGE-INTEGRITY-SHA256: value is 12 bytes, not 16 to 32 in steps of 4"),
        Arguments.of(
            "FINGERPRINT of 8 bytes",
            Hex.stun("0001", "8028 0008" + "00".repeat(8)),
            "FINGERPRINT: value is 8 bytes, expected 4"),
        Arguments.of(
            "ERROR-CODE class 2",
            Hex.stun("0111", "0009 0004 00000214"),
            "ERROR-CODE: class 2 is not between 3 and 6"),
        Arguments.of(
            "ERROR-CODE number 100",
            Hex.stun("0111", "0009 0004 00000464"),
            "ERROR-CODE: number 100 is not between 0 and 99"),
        Arguments.of(
            "ERROR-CODE without class",
            Hex.stun("0111", "0009 0002 00000000"),
            "ERROR-CODE: value is 2 bytes, shorter than 4"),
        Arguments.of(
            "ADDRESS-ERROR-CODE family 0",
            Hex.stun("0113", "8001 0004 00000408"),
            "ADDRESS-ERROR-CODE: family 0x00 is neither IPv4 (0x01) nor IPv6 (0x02)"),
        Arguments.of(
            "UNKNOWN-ATTRIBUTES of odd length",
            Hex.stun("0111", "000a 0003 00010000"),
            "UNKNOWN-ATTRIBUTES: value is 3 bytes, not a whole number of 16-bit types"),
        Arguments.of(
            "LIFETIME of 2 bytes",
            Hex.stun("0003", "000d 0002 00000000"),
            "LIFETIME: value is 2 bytes, expected 4"),
        Arguments.of(
            "EVEN-PORT of 4 bytes",
            Hex.stun("0003", "0018 0004 80000000"),
            "EVEN-PORT: value is 4 bytes, expected 1"),
        Arguments.of(
            "DONT-FRAGMENT with a value",
            Hex.stun("0003", "001a 0004 00000000"),
            "DONT-FRAGMENT: value is 4 bytes, expected 0"),
        Arguments.of(
            "REQUESTED-ADDRESS-FAMILY 3",
            Hex.stun("0003", "0017 0004 03000000"),
            "REQUESTED-ADDRESS-FAMILY: family 0x03 is neither IPv4 (0x01) nor IPv6 (0x02)"),
        Arguments.of(
            "PASSWORD-ALGORITHMS parameters overrun",
            Hex.stun("0111", "8002 0008 00010008 00000000"),
            "PASSWORD-ALGORITHMS: parameters of 8 bytes overrun the 4 left"),
        Arguments.of(
            "PASSWORD-ALGORITHMS partial entry",
            Hex.stun("0111", "8002 0006 00010000 00020000"),
            "PASSWORD-ALGORITHMS: 2 bytes left, an algorithm needs 4"),
        Arguments.of(
            "PASSWORD-ALGORITHM with trailing bytes",
            Hex.stun("0001", "001d 0008 00020000 00000000"),
            "PASSWORD-ALGORITHM: 4 bytes follow the padded parameters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejects(String name, byte[] datagram, String message) {
    assertThatThrownBy(() -> StunMessage.decode(datagram))
        .isInstanceOf(StunParseException.class)
        .hasMessage(message);
  }

  @Test
  void keepsUnknownAttributesAsRawAndReportsTheComprehensionRequiredOnes()
      throws StunParseException {
    StunMessage message =
        StunMessage.decode(Hex.stun("0001", "7777 0001 01000000 c0de 0002 abcd0000"));

    assertThat(message.attributes())
        .containsExactly(
            new RawAttribute(0x7777, Hex.bytes("01")), new RawAttribute(0xc0de, Hex.bytes("abcd")));
    assertThat(message.unknownComprehensionRequired()).containsExactly(0x7777);
  }

  @Test
  void dropsAttributesAfterMessageIntegrityExceptSha256AndFingerprint() throws StunParseException {
    String integrity = "0008 0014" + "00".repeat(20);
    String integritySha256 = "001c 0020" + "00".repeat(32);
    // The ignored XOR-MAPPED-ADDRESS is malformed too: ignored attributes are not decoded at all.
    StunMessage message =
        StunMessage.decode(
            Hex.stun(
                "0001",
                "0006 0001 61000000"
                    + integrity
                    + "8022 0001 62000000 0020 0001 00000000 7777 0000"
                    + integritySha256
                    + "0006 0001 63000000"
                    + "8028 0004 00000000"));

    assertThat(message.attributes())
        .extracting(StunAttribute::type)
        .containsExactly(0x0006, 0x0008, 0x001c, 0x8028);
    assertThat(message.attribute(Username.class)).contains(new Username("a"));
    assertThat(message.unknownComprehensionRequired()).isEmpty();
  }

  @Test
  void ignoresMessageIntegrityAfterMessageIntegritySha256() throws StunParseException {
    StunMessage message =
        StunMessage.decode(
            Hex.stun("0001", "001c 0010" + "00".repeat(16) + "0008 0014" + "00".repeat(20)));

    assertThat(message.attributes()).extracting(StunAttribute::type).containsExactly(0x001c);
  }

  @Test
  void firstOccurrenceWins() throws StunParseException {
    StunMessage message =
        StunMessage.decode(Hex.stun("0001", "8022 0001 61000000 8022 0001 62000000"));

    assertThat(message.attributes()).hasSize(2);
    assertThat(message.attribute(Software.class)).contains(new Software("a"));
  }

  @Test
  void decodesTheRemainingBytesOfABufferWithoutMovingIt() throws StunParseException {
    byte[] message = Hex.stun("0001", "8022 0001 61000000");
    ByteBuffer buffer =
        ByteBuffer.allocate(message.length + 3).put(new byte[] {9, 9, 9}).put(message).position(3);

    assertThat(StunMessage.decode(buffer).attributes()).containsExactly(new Software("a"));
    assertThat(buffer.position()).isEqualTo(3);
  }

  @Test
  void decodeCopiesTheDatagramAndDecodeViewReadsItInPlace() throws StunParseException {
    byte[] datagram = Hex.stun("0016", "0013 0002 68690000");
    StunMessage copied = StunMessage.decode(datagram);
    StunMessage viewed = StunMessage.decodeView(ByteBuffer.wrap(datagram));

    datagram[25] = 'y';

    assertThat(copied.attribute(Data.class)).contains(new Data(Hex.bytes("6869")));
    assertThat(viewed.attribute(Data.class)).contains(new Data(Hex.bytes("6879")));
  }

  @Test
  void decodesMessageTypesOfEveryMethodAndClass() throws StunParseException {
    record Case(String hex, Method method, MessageClass messageClass) {}
    List<Case> cases =
        List.of(
            new Case("0001", Method.BINDING, MessageClass.REQUEST),
            new Case("0111", Method.BINDING, MessageClass.ERROR_RESPONSE),
            new Case("0003", Method.ALLOCATE, MessageClass.REQUEST),
            new Case("0103", Method.ALLOCATE, MessageClass.SUCCESS_RESPONSE),
            new Case("0113", Method.ALLOCATE, MessageClass.ERROR_RESPONSE),
            new Case("0004", Method.REFRESH, MessageClass.REQUEST),
            new Case("0016", Method.SEND, MessageClass.INDICATION),
            new Case("0017", Method.DATA, MessageClass.INDICATION),
            new Case("0108", Method.CREATE_PERMISSION, MessageClass.SUCCESS_RESPONSE),
            new Case("0119", Method.CHANNEL_BIND, MessageClass.ERROR_RESPONSE),
            new Case("3eef", new Method(0xfff), MessageClass.REQUEST),
            new Case("3fff", new Method(0xfff), MessageClass.ERROR_RESPONSE));
    for (Case c : cases) {
      MessageType type = new MessageType(c.method(), c.messageClass());
      assertThat(StunMessage.decode(Hex.stun(c.hex(), "")).type()).as(c.hex()).isEqualTo(type);
      assertThat(String.format("%04x", type.encode())).isEqualTo(c.hex());
    }
  }
}
