package dev.parley.sfu;

/**
 * What a subscriber's SDP says of the stream it receives for one track: the SSRC the unit sends it
 * with (stable across layer switches) and the payload types the subscriber negotiated.
 *
 * @param rtxSsrc the SSRC of RFC 4588 retransmissions to it, or 0 to retransmit plainly
 * @param rtxPayloadType the subscriber's RTX payload type, or -1 with no RTX
 */
public record SubscriptionSpec(int ssrc, int payloadType, int rtxSsrc, int rtxPayloadType) {
  public SubscriptionSpec {
    if (ssrc == 0) {
      throw new IllegalArgumentException("a subscription needs an SSRC");
    }
    if ((rtxSsrc == 0) != (rtxPayloadType == -1)) {
      throw new IllegalArgumentException("RTX needs both its SSRC and its payload type");
    }
    if (payloadType >>> 7 != 0 || (rtxPayloadType != -1 && rtxPayloadType >>> 7 != 0)) {
      throw new IllegalArgumentException("a payload type is 0-127");
    }
  }

  boolean rtx() {
    return rtxSsrc != 0;
  }
}
