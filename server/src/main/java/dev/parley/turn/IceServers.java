package dev.parley.turn;

import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.config.TurnConfig;
import dev.parley.protocol.ServerMessage.IceServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code iceServers} of a peer's welcome (DESIGN §3): the embedded server's STUN and TURN URLs
 * (with {@code turns:} when TLS is on), any external ones configured, and last TURN on the web port
 * (turn-on-web-port), with fresh REST credentials for that peer. Called at each welcome, resumes
 * included, so credentials never go stale in a long call. Thread-safe.
 */
public final class IceServers implements Function<String, List<IceServer>> {
  private final TurnConfig config;
  private final TurnCredentials credentials;
  private final TurnServer server;

  /**
   * @param server the embedded server, or {@code null} when it is off
   */
  public IceServers(TurnConfig config, TurnCredentials credentials, TurnServer server) {
    this.config = config;
    this.credentials = credentials;
    this.server = server;
  }

  @Override
  public List<IceServer> apply(String peerId) {
    List<String> stun = new ArrayList<>();
    List<String> turn = new ArrayList<>();
    if (server != null) {
      String hostPort =
          hostPort(server.advertised(server.udpAddresses().getFirst().getAddress()), server.port());
      stun.add("stun:" + hostPort);
      turn.add("turn:" + hostPort + "?transport=udp");
      turn.add("turn:" + hostPort + "?transport=tcp");
      if (!server.tlsAddresses().isEmpty()) {
        turn.add("turns:" + server.tlsHostPort() + "?transport=tcp");
      }
    }
    for (String url : config.servers()) {
      (url.startsWith("stun") ? stun : turn).add(url);
    }
    if (server != null) {
      // Last: the fallback for networks that pass only the web port. Each URL costs a browser an
      // allocation per gathering, so not when it names a listener already listed.
      server.webPortUrl().filter(url -> !turn.contains(url)).ifPresent(turn::add);
    }
    List<IceServer> servers = new ArrayList<>();
    if (!stun.isEmpty()) {
      servers.add(new IceServer(stun, null, null));
    }
    if (!turn.isEmpty()) {
      Credential credential = credentials.issue(peerId, config.credentialTtl());
      servers.add(new IceServer(turn, credential.username(), credential.password()));
    }
    return servers;
  }

  /** RFC 7064 §3.1: an IPv6 literal in brackets. */
  static String hostPort(InetAddress address, int port) {
    String host = address.getHostAddress().replaceFirst("%.*", "");
    return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
  }
}
