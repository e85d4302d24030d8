package dev.parley.http;

import dev.parley.admin.AdminApi;
import dev.parley.auth.ConnectionLimiter;
import dev.parley.auth.OriginPolicy;
import dev.parley.config.HttpConfig;
import dev.parley.config.TlsConfig;
import dev.parley.metrics.Metrics;
import dev.parley.net.Listeners;
import dev.parley.net.Transport;
import dev.parley.signal.Signaling;
import dev.parley.tls.ServerCertificate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket listener: one port, every bind address; HTTPS and WSS when given a
 * certificate, then optionally a second port that redirects plain HTTP to it. The port may serve
 * TURN too ({@link TurnOnWebPort}); those connections are closed with the others.
 */
public final class HttpServer {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  /** A redirect is one request and one answer; a connection silent this long is closed. */
  private static final int REDIRECT_IDLE_SECONDS = 10;

  private final HttpConfig config;
  private final TlsConfig tlsConfig;

  /** Whether the main listener speaks HTTPS. */
  private final boolean tls;

  private final Transport transport;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final ServerBootstrap bootstrap;
  private final WebSocketGate gate;
  private final ChannelGroup listeners =
      new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);

  /** Every accepted connection, so that shutdown can close what draining left open. */
  private final ChannelGroup connections =
      new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);

  private final KeepAlive keepAlive;
  private final List<InetSocketAddress> bound = new ArrayList<>();
  private final List<InetSocketAddress> redirectBound = new ArrayList<>();

  /**
   * @param certificate what to serve HTTPS with, or {@code null} for plain HTTP
   * @param turn TURN served on the same port, or {@code null} for HTTP alone
   */
  public HttpServer(
      HttpConfig config,
      TlsConfig tlsConfig,
      ServerCertificate certificate,
      Signaling signaling,
      AdminApi admin,
      Metrics metrics,
      Transport transport,
      EventLoopGroup acceptors,
      EventLoopGroup workers,
      TurnOnWebPort turn) {
    this.config = config;
    this.tlsConfig = tlsConfig;
    this.tls = certificate != null;
    this.transport = transport;
    this.acceptors = acceptors;
    this.workers = workers;
    HstsHeader hsts =
        certificate != null && !tlsConfig.hstsMaxAge().isZero()
            ? new HstsHeader(tlsConfig.hstsMaxAge())
            : null;
    this.gate =
        new WebSocketGate(
            new OriginPolicy(config.allowedOrigins()),
            new ConnectionLimiter(config.maxConnectionsPerIp()));
    HttpRequestHandler requests =
        new HttpRequestHandler(
            new StaticFiles(config.webRoot()), metrics, gate, admin, signaling::ready);
    this.keepAlive = new KeepAlive(connections, config.pingInterval(), config.idleTimeout());
    int high = config.outboundBufferBytes();
    this.bootstrap =
        new ServerBootstrap()
            .group(acceptors, workers)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // One allocator for all connections (it keeps no state of its own) rather than one
            // each.
            .childOption(ChannelOption.RECVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator())
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
            .childHandler(
                new ChannelSetup(
                    config, signaling, requests, connections, certificate, hsts, turn));
  }

  /**
   * Binds every configured address, then the redirect port if one is configured; throws if any
   * cannot be bound (except IPv6 loopback where absent).
   */
  public List<InetSocketAddress> bind() {
    keepAlive.start(workers);
    bound.addAll(bind(tls ? "HTTPS" : "HTTP", bootstrap, config.port()));
    if (tlsConfig.redirectPort() != null) {
      redirectBound.addAll(
          bind(
              "the HTTP redirect",
              redirectBootstrap(bound.getFirst().getPort()),
              tlsConfig.redirectPort()));
      log.info("redirecting plain HTTP on {} to HTTPS", redirectBound);
    }
    return List.copyOf(bound);
  }

  private List<InetSocketAddress> bind(String service, ServerBootstrap bootstrap, int port) {
    return Listeners.bindAll(
        service,
        config.bind(),
        port,
        (address, free) -> {
          Channel channel = bootstrap.bind(address, free).sync().channel();
          listeners.add(channel);
          return (InetSocketAddress) channel.localAddress();
        });
  }

  /**
   * Plain HTTP that answers every request with a redirect to {@code httpsPort}; idle connections
   * are dropped.
   */
  private ServerBootstrap redirectBootstrap(int httpsPort) {
    HttpsRedirect redirect = new HttpsRedirect(httpsPort);
    return new ServerBootstrap()
        .group(acceptors, workers)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel channel) {
                connections.add(channel);
                channel
                    .pipeline()
                    .addLast(
                        new ReadTimeoutHandler(REDIRECT_IDLE_SECONDS),
                        new HttpServerCodec(4096, 16 * 1024, 8192),
                        redirect);
              }
            });
  }

  public List<InetSocketAddress> boundAddresses() {
    return List.copyOf(bound);
  }

  /** Where plain HTTP is redirected from; empty without {@code http-redirect-port}. */
  public List<InetSocketAddress> redirectAddresses() {
    return List.copyOf(redirectBound);
  }

  /** Refuses new WebSocket upgrades and reports not-ready; existing connections stay. */
  public void drain() {
    gate.drain();
  }

  public void stopListening() {
    listeners.close().awaitUninterruptibly();
  }

  public void closeConnections() {
    connections.close().awaitUninterruptibly();
  }
}
