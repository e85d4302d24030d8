package dev.parley.sfu;

import io.netty.buffer.ByteBuf;

/**
 * Where the forwarding unit hands the packets it sends on one transport: RTP and RTCP in the clear,
 * for the caller to protect (SRTP) and send. The buffer is the caller's to release; it is heap
 * backed ({@code hasArray()}), the packet is its readable bytes, and at least {@link #TRAILER_ROOM}
 * writable bytes follow, so SRTP can protect it in place. Called on the unit's thread.
 */
@FunctionalInterface
public interface MediaOutput {
  /** Room for the largest SRTP or SRTCP trailer: GCM's 16-byte tag and SRTCP's 4-byte index. */
  int TRAILER_ROOM = 20;

  void send(ByteBuf rtpOrRtcp);
}
