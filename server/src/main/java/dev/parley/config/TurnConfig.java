package dev.parley.config;

import java.time.Duration;
import java.util.List;

/**
 * The embedded STUN/TURN server (RFC 8489, RFC 8656) and the ICE servers handed to clients.
 *
 * @param bind addresses to listen on; {@code null} means the same as the HTTP listener
 * @param port UDP and TCP port; 0 picks a free one (tests)
 * @param onWebPort also serve TURN on the HTTP listener's port (TCP, or TLS when it speaks HTTPS)
 * @param externalIp the address clients reach this node at, advertised in XOR-RELAYED-ADDRESS and
 *     in ICE server URLs; {@code null} when the node is reachable at its bind address
 * @param allowPrivatePeers relay to loopback, private and link-local peers (local testing only)
 * @param servers extra ICE server URLs (an external coturn sharing the secret) listed beside ours
 * @param maxBitrate bits per second relayed for one allocation in each direction; 0 for no cap
 * @param tcpAllocateTimeout how long a TURN TCP connection may stay open without an allocation
 * @param authFailuresPerMinute failed authentications one source address may make per minute
 */
public record TurnConfig(
    boolean enabled,
    List<String> bind,
    int port,
    boolean onWebPort,
    String externalIp,
    String realm,
    PortRange relayPorts,
    Duration maxLifetime,
    boolean allowPrivatePeers,
    int maxAllocationsPerUser,
    int maxAllocations,
    Duration credentialTtl,
    List<String> servers,
    int maxBitrate,
    Duration tcpAllocateTimeout,
    int authFailuresPerMinute) {

  public TurnConfig {
    bind = bind == null ? null : List.copyOf(bind);
    servers = List.copyOf(servers);
  }

  /**
   * Whether the web listener serves TURN on {@code tcpPort} (this server's TCP or TLS port) in its
   * place: TURN is on and shares the web port, and both listen on the same port of the same hosts.
   * Port 0 is never shared: each listener picks a free port of its own.
   */
  public boolean servedByWebPort(HttpConfig http, int tcpPort) {
    return enabled
        && onWebPort
        && tcpPort != 0
        && tcpPort == http.port()
        && sameHosts(bind, http.bind());
  }

  /** Whether TURN binds {@code bind}'s hosts: {@code turnBind} is unset or names the same ones. */
  static boolean sameHosts(List<String> turnBind, List<String> bind) {
    return turnBind == null || turnBind.equals(bind);
  }
}
