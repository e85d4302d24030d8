package dev.parley.turn;

import dev.parley.auth.TurnCredentials;
import dev.parley.config.TurnConfig;
import dev.parley.metrics.Metrics;
import dev.parley.net.Listeners;
import dev.parley.net.Transport;
import dev.parley.tls.ServerCertificate;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded STUN/TURN server (RFC 8489, RFC 8656): a UDP socket and a TCP listener on the same
 * port for every bind address, optionally a TLS listener, and the allocations they make. The web
 * listener may serve TURN too ({@link #addWebPortHandlers}); then, where the TCP or TLS port is the
 * web port, the web listener serves it instead of a listener of its own.
 */
public final class TurnServer {
  private static final Logger log = LoggerFactory.getLogger(TurnServer.class);

  /**
   * How long a nonce stays fresh; a client that keeps using one after that gets 438 and a new one.
   */
  static final Duration NONCE_LIFETIME = Duration.ofMinutes(10);

  /**
   * Socket buffers of UDP listeners and relays: the kernel default (about 200 KiB) overflows when a
   * burst arrives while the event loop is busy, and a lost datagram is a lost media packet. The
   * kernel caps it at net.core.rmem_max.
   */
  static final int UDP_BUFFER_BYTES = 1024 * 1024;

  private final TurnConfig config;
  private final Transport transport;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final Allocations allocations;
  private final Dispatcher dispatcher;
  private final List<String> bindHosts;
  private final RelayAddresses relayAddresses = new RelayAddresses();
  private final PeerPolicy policy;

  /** With port 0, how many UDP ports to try before one is also free for TCP. */
  private static final int FREE_PORT_ATTEMPTS = 10;

  private final TcpPipeline tcpPipeline;
  private final TurnMetrics metrics;
  private final List<Channel> listeners = new ArrayList<>();
  private final List<InetSocketAddress> udpAddresses = new ArrayList<>();
  private final List<InetSocketAddress> tcpAddresses = new ArrayList<>();
  private final List<InetSocketAddress> tlsAddresses = new ArrayList<>();

  /** Served by the TLS listeners; {@code null} until {@link #bindTls}. */
  private volatile ServerCertificate certificate;

  /** The web port's first address once it serves TURN too; {@code null} before or without. */
  private volatile InetSocketAddress webPort;

  /** What the web port serves TURN over TLS with; {@code null} when it speaks plain HTTP. */
  private volatile ServerCertificate webPortCertificate;

  /**
   * @param defaultBind the HTTP listener's hosts, used when {@code turn-bind} is unset
   */
  public TurnServer(
      TurnConfig config,
      List<String> defaultBind,
      TurnCredentials credentials,
      byte[] secret,
      Transport transport,
      EventLoopGroup acceptors,
      EventLoopGroup workers,
      Metrics metrics,
      Clock clock) {
    this.config = config;
    this.transport = transport;
    this.acceptors = acceptors;
    this.workers = workers;
    this.allocations = new Allocations(config.maxAllocationsPerUser(), config.maxAllocations());
    TurnMetrics turnMetrics = new TurnMetrics(metrics);
    this.metrics = turnMetrics;
    turnMetrics.gauges(
        metrics, allocations::count, allocations::permissions, allocations::channels);
    Authenticator authenticator =
        new Authenticator(
            config.realm(),
            credentials,
            new Nonces(secret, clock, NONCE_LIFETIME),
            turnMetrics,
            config.authFailuresPerMinute());
    this.policy = new PeerPolicy(config.allowPrivatePeers());
    TurnContext context =
        new TurnContext(
            config,
            allocations,
            policy,
            authenticator,
            new RelayPorts(config.relayPorts(), transport.datagramChannel()),
            relayAddresses,
            turnMetrics,
            clock,
            this::advertised);
    this.dispatcher = new Dispatcher(context);
    this.tcpPipeline =
        new TcpPipeline(dispatcher, allocations, config.tcpAllocateTimeout(), turnMetrics);
    this.bindHosts = config.bind() != null ? config.bind() : defaultBind;
  }

  /**
   * Relays to these addresses with their ports whatever the peer policy: the node's own media port,
   * which a browser behind a firewall that passes only TURN reaches this way, though it may be on a
   * private or loopback address. Other ports of those addresses stay as the policy says.
   */
  public void alwaysRelayTo(List<InetSocketAddress> ownPeers) {
    policy.alsoPermit(ownPeers);
    log.debug("relaying to the node's own {} whatever the peer policy", ownPeers);
  }

  /**
   * Binds UDP, then TCP on the same port, for every address; throws if any cannot be bound (except
   * IPv6 loopback on a host without it).
   *
   * @param tcp false when the port is the web port, whose listener serves TURN over TCP here
   */
  public void bind(boolean tcp) {
    Listeners.bindAll(
        "STUN/TURN",
        bindHosts,
        config.port(),
        (address, port) -> bindUdpAndTcp(address, port, tcp));
    log.info(
        "STUN/TURN listening on {} ({}), relaying on ports {}",
        udpAddresses,
        tcp ? "UDP and TCP" : "UDP; TCP on this port is the web port, which serves TURN there",
        config.relayPorts());
  }

  private InetSocketAddress bindUdpAndTcp(InetAddress address, int port, boolean tcp)
      throws InterruptedException {
    if (port != 0 || !tcp) {
      return bindUdpAndTcpOnce(address, port, tcp);
    }
    // Port 0: the port UDP is given may be taken for TCP; try a few others before giving up.
    for (int attempt = 1; ; attempt++) {
      try {
        return bindUdpAndTcpOnce(address, 0, true);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (attempt == FREE_PORT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private InetSocketAddress bindUdpAndTcpOnce(InetAddress address, int port, boolean tcp)
      throws InterruptedException {
    Channel udp =
        new Bootstrap()
            .group(workers)
            .channel(transport.datagramChannel())
            .option(ChannelOption.SO_RCVBUF, UDP_BUFFER_BYTES)
            .option(ChannelOption.SO_SNDBUF, UDP_BUFFER_BYTES)
            .handler(new UdpHandler(dispatcher))
            .bind(address, port)
            .sync()
            .channel();
    InetSocketAddress udpAddress = (InetSocketAddress) udp.localAddress();
    if (tcp) {
      Channel listener;
      try {
        // With port 0 the UDP socket picked the port; TCP takes the same one.
        listener =
            new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannel())
                .childHandler(tcpPipeline)
                .bind(address, udpAddress.getPort())
                .sync()
                .channel();
      } catch (Exception e) {
        udp.close();
        throw e;
      }
      listeners.add(listener);
      tcpAddresses.add((InetSocketAddress) listener.localAddress());
    }
    listeners.add(udp);
    udpAddresses.add(udpAddress);
    relayAddresses.listening(udpAddress);
    return udpAddress;
  }

  /**
   * Binds TURN over TLS (RFC 8656 §3.1, {@code turns:} URLs) on its own port for every address: the
   * TCP pipeline behind a TLS handler. Call after {@link #bind()}.
   */
  public void bindTls(ServerCertificate certificate, int port) {
    this.certificate = certificate;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptors, workers)
            .channel(transport.serverChannel())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(certificate.newHandler(channel.alloc()));
                    tcpPipeline.addTurnHandlers(channel.pipeline());
                  }
                });
    tlsAddresses.addAll(
        Listeners.bindAll(
            "TURN over TLS",
            bindHosts,
            port,
            (address, free) -> {
              Channel tls = bootstrap.bind(address, free).sync().channel();
              listeners.add(tls);
              return (InetSocketAddress) tls.localAddress();
            }));
    log.info("TURN over TLS listening on {}", tlsAddresses);
  }

  /**
   * Makes a connection of the web listener a TURN connection, as on the TCP listener (the same
   * handlers, timeouts and limits); after its TLS handler, if any. On the connection's event loop.
   */
  public void addWebPortHandlers(ChannelPipeline pipeline) {
    metrics.webPortConnection();
    tcpPipeline.addTurnHandlers(pipeline);
  }

  /**
   * Says that the web listener, bound at {@code bound}, serves TURN too, so that clients are told
   * of it; call once it is bound.
   *
   * @param tls its certificate when it speaks HTTPS (TURN then inside TLS), else {@code null}
   * @param plainBeforeTls on HTTPS, whether plain TURN is served there too (before TLS)
   */
  public void servedOnWebPort(
      List<InetSocketAddress> bound, ServerCertificate tls, boolean plainBeforeTls) {
    this.webPortCertificate = tls;
    this.webPort = bound.getFirst();
    if (tls == null) {
      log.info("the HTTP port {} serves TURN over TCP too", bound);
    } else {
      log.info(
          "the HTTPS port {} serves TURN over TLS too{}",
          bound,
          plainBeforeTls ? ", and TURN over TCP" : "");
    }
  }

  /**
   * The URL of TURN on the web port ({@code turn:} on HTTP, {@code turns:} on HTTPS, named as those
   * of the TURN listeners are), or empty unless {@link #servedOnWebPort} was called.
   */
  Optional<String> webPortUrl() {
    InetSocketAddress local = webPort;
    if (local == null) {
      return Optional.empty();
    }
    ServerCertificate tls = webPortCertificate;
    return Optional.of(
        tls == null
            ? "turn:"
                + IceServers.hostPort(advertised(local.getAddress()), local.getPort())
                + "?transport=tcp"
            : "turns:" + tlsHostPort(tls, local) + "?transport=tcp");
  }

  /** Closes the listeners and every allocation. */
  public void stop() {
    listeners.forEach(Channel::close);
    allocations.removeAll();
  }

  public List<InetSocketAddress> udpAddresses() {
    return Collections.unmodifiableList(udpAddresses);
  }

  public List<InetSocketAddress> tcpAddresses() {
    return Collections.unmodifiableList(tcpAddresses);
  }

  public int port() {
    return udpAddresses.getFirst().getPort();
  }

  /** Where TURN over TLS listens; empty unless {@link #bindTls} was called. */
  public List<InetSocketAddress> tlsAddresses() {
    return Collections.unmodifiableList(tlsAddresses);
  }

  /**
   * Host and port for a {@code turns:} URL: the certificate's DNS name, which a client checks the
   * certificate against, else the advertised address. Only after {@link #bindTls}.
   */
  String tlsHostPort() {
    return tlsHostPort(certificate, tlsAddresses.getFirst());
  }

  private String tlsHostPort(ServerCertificate tls, InetSocketAddress local) {
    return tls.dnsName()
        .map(name -> name + ":" + local.getPort())
        .orElseGet(() -> IceServers.hostPort(advertised(local.getAddress()), local.getPort()));
  }

  /** Allocations held right now. */
  public int allocations() {
    return allocations.count();
  }

  /** The allocation a client's 5-tuple holds, or {@code null}. */
  Allocation allocationOf(FiveTuple tuple) {
    return allocations.get(tuple);
  }

  /**
   * The address clients are told for a local one: the configured external IP, else the address
   * itself, else (for a wildcard) the first address of an interface that is up.
   */
  public InetAddress advertised(InetAddress local) {
    if (config.externalIp() != null) {
      return literal(config.externalIp());
    }
    if (!local.isAnyLocalAddress()) {
      return local;
    }
    return firstInterfaceAddress().orElse(local);
  }

  private static Optional<InetAddress> firstInterfaceAddress() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(TurnServer::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(
              a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp() && !nic.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip); // an IP literal, checked by the setting: no DNS lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
  }
}
