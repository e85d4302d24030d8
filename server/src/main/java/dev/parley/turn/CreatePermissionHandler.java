package dev.parley.turn;

import dev.parley.stun.StunMessage;
import dev.parley.stun.XorPeerAddress;
import java.util.List;

/** CreatePermission (RFC 8656 §9): lets the peers at these IP addresses send to the client. */
final class CreatePermissionHandler {
  private final TurnContext turn;

  CreatePermissionHandler(TurnContext turn) {
    this.turn = turn;
  }

  void handleCreatePermission(
      ClientLink link, StunMessage request, Allocation allocation, byte[] key) {
    List<XorPeerAddress> peers =
        request.attributes().stream()
            .filter(XorPeerAddress.class::isInstance)
            .map(XorPeerAddress.class::cast)
            .toList();
    TurnError refusal = checkPeerAddresses(allocation, peers);
    if (refusal != null) {
      turn.refuse(link, Responses.error(request, refusal, key), refusal);
      return;
    }
    installPermissions(allocation, peers);
    link.send(Responses.success(request, key));
  }

  /**
   * §9.2 steps 1–3: at least one XOR-PEER-ADDRESS (400), each of the relay's family (443) and one
   * the server may relay to (403). All are checked before any is installed: all or none.
   */
  private TurnError checkPeerAddresses(Allocation allocation, List<XorPeerAddress> peers) {
    if (peers.isEmpty()) {
      return TurnError.BAD_REQUEST;
    }
    for (XorPeerAddress peer : peers) {
      if (allocation.relayFor(peer.address()) == null) {
        return TurnError.PEER_ADDRESS_FAMILY_MISMATCH;
      }
      if (!turn.mayReach(peer.address())) {
        return TurnError.FORBIDDEN;
      }
    }
    return null;
  }

  /** §9.2 step 4: install or refresh each permission for 300 seconds. */
  private static void installPermissions(Allocation allocation, List<XorPeerAddress> peers) {
    for (XorPeerAddress peer : peers) {
      allocation.permit(peer.address().getAddress());
    }
  }
}
