package dev.parley.config;

import java.time.Duration;
import java.util.List;

/**
 * The embedded STUN/TURN server (RFC 8489, RFC 8656) and the ICE servers handed to clients.
 *
 * @param bind addresses to listen on; {@code null} means the same as the HTTP listener
 * @param port UDP and TCP port; 0 picks a free one (tests)
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

  /** Whether relayed traffic is capped per allocation. */
  public boolean capsBitrate() {
    return maxBitrate > 0;
  }

  public TurnConfig withPort(int port) {
    return new TurnConfig(enabled, bind, port, externalIp, realm, relayPorts, maxLifetime, allowPrivatePeers,
        maxAllocationsPerUser, maxAllocations, credentialTtl, servers, maxBitrate, tcpAllocateTimeout, authFailuresPerMinute);
  }

  public TurnConfig withAllowPrivatePeers(boolean allow) {
    return new TurnConfig(enabled, bind, port, externalIp, realm, relayPorts, maxLifetime, allow,
        maxAllocationsPerUser, maxAllocations, credentialTtl, servers, maxBitrate, tcpAllocateTimeout, authFailuresPerMinute);
  }

  public TurnConfig withQuotas(int perUser, int total) {
    return new TurnConfig(enabled, bind, port, externalIp, realm, relayPorts, maxLifetime, allowPrivatePeers,
        perUser, total, credentialTtl, servers, maxBitrate, tcpAllocateTimeout, authFailuresPerMinute);
  }

  public TurnConfig withEnabled(boolean on) {
    return new TurnConfig(on, bind, port, externalIp, realm, relayPorts, maxLifetime, allowPrivatePeers,
        maxAllocationsPerUser, maxAllocations, credentialTtl, servers, maxBitrate, tcpAllocateTimeout, authFailuresPerMinute);
  }
}
