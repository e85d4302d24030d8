package dev.parley.turn;

import dev.parley.config.TurnConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * What the method handlers share. Thread-safe.
 *
 * @param relayAddresses the local addresses relays are bound on, by family
 * @param advertise the address to tell clients for a local address (the external IP if set)
 */
record TurnContext(
    TurnConfig config,
    Allocations allocations,
    PeerPolicy policy,
    Authenticator authenticator,
    RelayPorts relayPorts,
    RelayAddresses relayAddresses,
    TurnMetrics metrics,
    Clock clock,
    UnaryOperator<InetAddress> advertise) {

  /**
   * Whether a client may reach this peer: the policy allows it (the node's media port always), or
   * it is one of this server's own relayed addresses (two clients relayed by the same server, RFC
   * 8656 §21.2.3).
   */
  boolean mayReach(InetSocketAddress peer) {
    boolean allowed = policy.permits(peer) || allocations.isRelayedAddress(peer);
    if (!allowed) {
      metrics.peerRefused();
    }
    return allowed;
  }

  /** Sends an error response and counts it. */
  void refuse(ClientLink link, byte[] response, TurnError error) {
    metrics.refused(error);
    link.send(response);
  }
}
