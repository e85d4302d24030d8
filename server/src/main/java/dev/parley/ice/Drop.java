package dev.parley.ice;

import java.util.Locale;

/** Why the media port dropped a datagram without answering it; each is counted. */
public enum Drop {
  /** Neither STUN, DTLS nor RTP by its first byte (RFC 7983). */
  UNKNOWN_CLASS,
  /** STUN that does not decode, lacks a valid FINGERPRINT, or is not a Binding request. */
  MALFORMED_STUN,
  /** A check whose USERNAME names no local transport: floods and stale peers, never answered. */
  UNKNOWN_UFRAG,
  /** DTLS or RTP from an address no transport has selected. */
  UNSELECTED_ADDRESS,
  /** DTLS or RTP for a transport that has nothing reading that class yet. */
  NO_SINK,
  /**
   * A valid check for a transport this node offered whose answer has not come yet: unanswered, so
   * the browser retries rather than failing the pair on a 401.
   */
  NOT_ANSWERED;

  /** The metric tag: {@code unknown-ufrag}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
