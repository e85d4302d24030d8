package dev.parley.stun;

/**
 * A datagram or stream that is not a well-formed STUN or ChannelData message. Checked, because
 * every caller sits at the network edge and must decide to drop the packet or close the stream; the
 * decoders throw nothing else, whatever the input.
 */
public final class StunParseException extends Exception {
  public StunParseException(String message) {
    super(message);
  }
}
