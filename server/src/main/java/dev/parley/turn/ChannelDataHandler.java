package dev.parley.turn;

import dev.parley.stun.ChannelData;
import java.net.InetSocketAddress;

/** ChannelData from the client (RFC 8656 §12.6): relayed to the peer its channel is bound to. */
final class ChannelDataHandler {
  private ChannelDataHandler() {}

  static void handleChannelData(ChannelData message, Allocation allocation) {
    InetSocketAddress peer = allocation.peerOf(message.channelNumber());
    if (peer == null) {
      return; // §12.6: an unbound channel's data is discarded
    }
    allocation.toPeer(peer, message.data());
  }
}
