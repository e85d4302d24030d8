package dev.parley.turn;

import dev.parley.stun.Data;
import dev.parley.stun.StunMessage;
import dev.parley.stun.XorPeerAddress;
import java.util.Optional;

/**
 * Send indications (RFC 8656 §10.2). Indications get no answer, so whatever fails is dropped
 * silently; the peer policy still applies, or Send would bypass the check CreatePermission makes.
 */
final class SendHandler {
  private final TurnContext turn;

  SendHandler(TurnContext turn) {
    this.turn = turn;
  }

  void handleSend(StunMessage indication, Allocation allocation) {
    Optional<XorPeerAddress> peer = indication.attribute(XorPeerAddress.class);
    Optional<Data> data = indication.attribute(Data.class);
    if (peer.isEmpty() || data.isEmpty()) {
      return; // §10.2: both are required
    }
    if (!turn.mayReach(peer.get().address())
        || !allocation.permits(peer.get().address().getAddress())) {
      return; // §10.2: no permission for the peer's IP address
    }
    allocation.toPeer(peer.get().address(), data.get().payload());
  }
}
