package dev.parley.http;

import dev.parley.auth.ConnectionLimiter;
import dev.parley.auth.OriginPolicy;
import dev.parley.config.HttpConfig;
import dev.parley.metrics.Metrics;
import dev.parley.net.Transport;
import dev.parley.signal.Signaling;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP and WebSocket listener: one port, every bind address. */
public final class HttpServer {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final HttpConfig config;
  private final ServerBootstrap bootstrap;
  private final WebSocketGate gate;
  private final ChannelGroup listeners = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
  /** Every accepted connection, so that shutdown can close what draining left open. */
  private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
  private final List<InetSocketAddress> bound = new ArrayList<>();

  public HttpServer(HttpConfig config, Signaling signaling, Metrics metrics, Transport transport,
      EventLoopGroup acceptors, EventLoopGroup workers) {
    this.config = config;
    this.gate = new WebSocketGate(new OriginPolicy(config.allowedOrigins()),
        new ConnectionLimiter(config.maxConnectionsPerIp()));
    HttpRequestHandler requests = new HttpRequestHandler(new StaticFiles(config.webRoot()), metrics, gate, signaling::ready);
    int high = config.outboundBufferBytes();
    this.bootstrap = new ServerBootstrap()
        .group(acceptors, workers)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 4096)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
        .childHandler(new ChannelSetup(config, signaling, requests, connections));
  }

  /** Binds every configured address; throws if any cannot be bound (except IPv6 loopback where absent). */
  public List<InetSocketAddress> bind() throws InterruptedException {
    int port = config.port();
    for (InetAddress address : addresses()) {
      try {
        Channel channel = bootstrap.bind(address, port).sync().channel();
        listeners.add(channel);
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        bound.add(local);
        // With port 0, every address shares the port the first one was given.
        port = local.getPort();
      } catch (Exception e) {
        if (address.isLoopbackAddress() && address instanceof java.net.Inet6Address && !bound.isEmpty()) {
          log.warn("IPv6 loopback {} not available ({}); listening on IPv4 only", address.getHostAddress(), e.getMessage());
          continue;
        }
        throw new BindException("cannot listen on " + new InetSocketAddress(address, port) + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
      }
    }
    return List.copyOf(bound);
  }

  private Set<InetAddress> addresses() {
    Set<InetAddress> addresses = new LinkedHashSet<>();
    for (String host : config.bind()) {
      try {
        if (host.equals("localhost")) {
          addresses.add(InetAddress.getByName("127.0.0.1"));
          addresses.add(InetAddress.getByName("::1"));
        } else {
          addresses.addAll(List.of(InetAddress.getAllByName(host)));
        }
      } catch (UnknownHostException e) {
        throw new BindException("cannot listen on '" + host + "': no such host or address", e);
      }
    }
    return addresses;
  }

  public List<InetSocketAddress> boundAddresses() {
    return List.copyOf(bound);
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

  /** Thrown when an address cannot be listened on; the message names it. */
  public static final class BindException extends RuntimeException {
    BindException(String message, Exception cause) {
      super(message, cause);
    }
  }
}
