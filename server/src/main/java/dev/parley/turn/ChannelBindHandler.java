package dev.parley.turn;

import dev.parley.stun.ChannelData;
import dev.parley.stun.ChannelNumber;
import dev.parley.stun.StunMessage;
import dev.parley.stun.XorPeerAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/** ChannelBind (RFC 8656 §11.2): a 4-byte ChannelData header instead of a 36-byte indication. */
final class ChannelBindHandler {
  private final TurnContext turn;

  ChannelBindHandler(TurnContext turn) {
    this.turn = turn;
  }

  void handleChannelBind(ClientLink link, StunMessage request, Allocation allocation, byte[] key) {
    Optional<ChannelNumber> channel = request.attribute(ChannelNumber.class);
    Optional<XorPeerAddress> peer = request.attribute(XorPeerAddress.class);
    TurnError refusal = checkAttributes(channel, peer);
    if (refusal == null) {
      refusal = checkBindingConflicts(allocation, channel.get().number(), peer.get().address());
    }
    if (refusal == null) {
      refusal = checkPeerAddress(allocation, peer.get().address());
    }
    if (refusal != null) {
      turn.refuse(link, Responses.error(request, refusal, key), refusal);
      return;
    }
    bindChannel(allocation, channel.get().number(), peer.get().address());
    link.send(Responses.success(request, key));
  }

  /**
   * §11.2 step 1: CHANNEL-NUMBER and XOR-PEER-ADDRESS are required, the number in 0x4000–0x4FFF
   * (400).
   */
  private static TurnError checkAttributes(
      Optional<ChannelNumber> channel, Optional<XorPeerAddress> peer) {
    if (channel.isEmpty()
        || peer.isEmpty()
        || !ChannelData.isChannelNumber(channel.get().number())) {
      return TurnError.BAD_REQUEST;
    }
    return null;
  }

  /**
   * §11.2 steps 2–3: a channel bound to another peer, or a peer bound to another channel, gets 400;
   * rebinding the same pair refreshes it.
   */
  private static TurnError checkBindingConflicts(
      Allocation allocation, int channel, InetSocketAddress peer) {
    InetSocketAddress boundPeer = allocation.peerOf(channel);
    Integer boundChannel = allocation.channelOf(peer);
    if (boundPeer != null && !boundPeer.equals(peer)
        || boundChannel != null
            && boundChannel != channel
            && allocation.peerOf(boundChannel) != null) {
      return TurnError.BAD_REQUEST;
    }
    return null;
  }

  /** §11.2 step 4 with §9.2: the relay's family (443), and a peer the server may relay to (403). */
  private TurnError checkPeerAddress(Allocation allocation, InetSocketAddress peer) {
    if (allocation.relayFor(peer) == null) {
      return TurnError.PEER_ADDRESS_FAMILY_MISMATCH;
    }
    return turn.mayReach(peer) ? null : TurnError.FORBIDDEN;
  }

  /** §11.2 "the server binds the channel": 10 minutes, and installs or refreshes the permission. */
  private static void bindChannel(Allocation allocation, int channel, InetSocketAddress peer) {
    allocation.bind(channel, peer);
    allocation.permit(peer.getAddress());
  }
}
