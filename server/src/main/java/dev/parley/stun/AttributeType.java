package dev.parley.stun;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The attribute types this codec understands: code, registry name and decoder, in one table. */
enum AttributeType {
  MAPPED_ADDRESS(0x0001, "MAPPED-ADDRESS", (v, id) -> MappedAddress.decode(v)),
  USERNAME(0x0006, "USERNAME", (v, id) -> Username.decode(v)),
  MESSAGE_INTEGRITY(0x0008, "MESSAGE-INTEGRITY", (v, id) -> MessageIntegrity.decode(v)),
  ERROR_CODE(0x0009, "ERROR-CODE", (v, id) -> ErrorCode.decode(v)),
  UNKNOWN_ATTRIBUTES(0x000A, "UNKNOWN-ATTRIBUTES", (v, id) -> UnknownAttributes.decode(v)),
  CHANNEL_NUMBER(0x000C, "CHANNEL-NUMBER", (v, id) -> ChannelNumber.decode(v)),
  LIFETIME(0x000D, "LIFETIME", (v, id) -> Lifetime.decode(v)),
  XOR_PEER_ADDRESS(0x0012, "XOR-PEER-ADDRESS", XorPeerAddress::decode),
  DATA(0x0013, "DATA", (v, id) -> Data.decode(v)),
  REALM(0x0014, "REALM", (v, id) -> Realm.decode(v)),
  NONCE(0x0015, "NONCE", (v, id) -> Nonce.decode(v)),
  XOR_RELAYED_ADDRESS(0x0016, "XOR-RELAYED-ADDRESS", XorRelayedAddress::decode),
  REQUESTED_ADDRESS_FAMILY(
      0x0017, "REQUESTED-ADDRESS-FAMILY", (v, id) -> RequestedAddressFamily.decode(v)),
  EVEN_PORT(0x0018, "EVEN-PORT", (v, id) -> EvenPort.decode(v)),
  REQUESTED_TRANSPORT(0x0019, "REQUESTED-TRANSPORT", (v, id) -> RequestedTransport.decode(v)),
  DONT_FRAGMENT(0x001A, "DONT-FRAGMENT", (v, id) -> DontFragment.decode(v)),
  MESSAGE_INTEGRITY_SHA256(
      0x001C, "MESSAGE-INTEGRITY-SHA256", (v, id) -> MessageIntegritySha256.decode(v)),
  PASSWORD_ALGORITHM(0x001D, "PASSWORD-ALGORITHM", (v, id) -> PasswordAlgorithm.decode(v)),
  USERHASH(0x001E, "USERHASH", (v, id) -> UserHash.decode(v)),
  XOR_MAPPED_ADDRESS(0x0020, "XOR-MAPPED-ADDRESS", XorMappedAddress::decode),
  RESERVATION_TOKEN(0x0022, "RESERVATION-TOKEN", (v, id) -> ReservationToken.decode(v)),
  PRIORITY(0x0024, "PRIORITY", (v, id) -> Priority.decode(v)),
  USE_CANDIDATE(0x0025, "USE-CANDIDATE", (v, id) -> UseCandidate.decode(v)),
  ADDITIONAL_ADDRESS_FAMILY(
      0x8000, "ADDITIONAL-ADDRESS-FAMILY", (v, id) -> AdditionalAddressFamily.decode(v)),
  ADDRESS_ERROR_CODE(0x8001, "ADDRESS-ERROR-CODE", (v, id) -> AddressErrorCode.decode(v)),
  PASSWORD_ALGORITHMS(0x8002, "PASSWORD-ALGORITHMS", (v, id) -> PasswordAlgorithms.decode(v)),
  ICMP(0x8004, "ICMP", (v, id) -> Icmp.decode(v)),
  SOFTWARE(0x8022, "SOFTWARE", (v, id) -> Software.decode(v)),
  FINGERPRINT(0x8028, "FINGERPRINT", (v, id) -> Fingerprint.decode(v)),
  ICE_CONTROLLED(0x8029, "ICE-CONTROLLED", (v, id) -> IceControlled.decode(v)),
  ICE_CONTROLLING(0x802A, "ICE-CONTROLLING", (v, id) -> IceControlling.decode(v));

  /**
   * Decodes a value (a buffer positioned at it, its limit at the value's end, padding excluded).
   */
  @FunctionalInterface
  interface Decoder {
    StunAttribute decode(ByteBuffer value, TransactionId transactionId) throws StunParseException;
  }

  private static final Map<Integer, AttributeType> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(t -> t.code, Function.identity()));

  final int code;
  final String rfcName;
  final Decoder decoder;

  AttributeType(int code, String rfcName, Decoder decoder) {
    this.code = code;
    this.rfcName = rfcName;
    this.decoder = decoder;
  }

  /** The known type with this code, or null. */
  static AttributeType of(int code) {
    return BY_CODE.get(code);
  }

  /** A name for error messages: the registry name, or the code in hex. */
  static String nameOf(int code) {
    AttributeType known = of(code);
    return known != null ? known.rfcName : String.format("attribute 0x%04x", code);
  }
}
