package dev.parley.rtp;

/**
 * An RTP or RTCP packet that is not well formed. Checked, because every caller sits at the network
 * edge and drops (and counts) the packet; the parsers throw nothing else, whatever the input. It
 * carries no stack trace: a flood of garbage costs a message, not a stack walk per packet.
 */
public final class RtpParseException extends Exception {
  public RtpParseException(String message) {
    super(message, null, false, false);
  }
}
