package dev.parley.turn;

/** The error responses this server sends, with the reason phrases the RFCs suggest. */
enum TurnError {
  BAD_REQUEST(400, "Bad Request"), // RFC 8489 §14.8
  UNAUTHENTICATED(401, "Unauthenticated"),
  FORBIDDEN(403, "Forbidden"), // RFC 8656 §19
  UNKNOWN_ATTRIBUTE(420, "Unknown Attribute"),
  ALLOCATION_MISMATCH(437, "Allocation Mismatch"),
  STALE_NONCE(438, "Stale Nonce"),
  ADDRESS_FAMILY_NOT_SUPPORTED(440, "Address Family not Supported"),
  WRONG_CREDENTIALS(441, "Wrong Credentials"),
  UNSUPPORTED_TRANSPORT_PROTOCOL(442, "Unsupported Transport Protocol"),
  PEER_ADDRESS_FAMILY_MISMATCH(443, "Peer Address Family Mismatch"),
  ALLOCATION_QUOTA_REACHED(486, "Allocation Quota Reached"),
  INSUFFICIENT_CAPACITY(508, "Insufficient Capacity");

  final int code;
  final String reason;

  TurnError(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  /** The tag value metrics use: {@code 403}. */
  String tag() {
    return Integer.toString(code);
  }
}
