package dev.parley.stun;

/**
 * One attribute of a STUN message (RFC 8489 §14), one record per attribute type. Each record
 * validates its fields in its constructor and decodes its own value, so a decoded message holds
 * only well-formed attributes; types this codec does not know arrive as {@link RawAttribute}.
 */
public sealed interface StunAttribute
    permits MappedAddress,
        XorMappedAddress,
        Username,
        UserHash,
        MessageIntegrity,
        MessageIntegritySha256,
        Fingerprint,
        ErrorCode,
        Realm,
        Nonce,
        PasswordAlgorithms,
        PasswordAlgorithm,
        UnknownAttributes,
        Software,
        ChannelNumber,
        Lifetime,
        XorPeerAddress,
        Data,
        XorRelayedAddress,
        RequestedAddressFamily,
        EvenPort,
        RequestedTransport,
        DontFragment,
        ReservationToken,
        AdditionalAddressFamily,
        AddressErrorCode,
        Icmp,
        Priority,
        UseCandidate,
        IceControlled,
        IceControlling,
        RawAttribute {

  /** The 16-bit attribute type; below 0x8000 means comprehension-required (RFC 8489 §14). */
  int type();

  /**
   * The value without padding. The XOR-encoded addresses need the message's transaction id (RFC
   * 8489 §14.2); every other attribute ignores it.
   */
  byte[] encodeValue(TransactionId transactionId);
}
