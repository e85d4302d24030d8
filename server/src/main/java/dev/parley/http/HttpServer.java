package dev.parley.http;

import dev.parley.auth.ConnectionLimiter;
import dev.parley.auth.OriginPolicy;
import dev.parley.config.HttpConfig;
import dev.parley.metrics.Metrics;
import dev.parley.net.Listeners;
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
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The HTTP and WebSocket listener: one port, every bind address. */
public final class HttpServer {
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
    HttpRequestHandler requests = new HttpRequestHandler(new StaticFiles(config.webRoot()), metrics, gate);
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
  public List<InetSocketAddress> bind() {
    bound.addAll(Listeners.bindAll(config.bind(), config.port(), (address, port) -> {
      Channel channel = bootstrap.bind(address, port).sync().channel();
      listeners.add(channel);
      return (InetSocketAddress) channel.localAddress();
    }));
    return List.copyOf(bound);
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
}
