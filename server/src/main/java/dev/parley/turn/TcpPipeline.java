package dev.parley.turn;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;

/**
 * The handlers of one TURN connection over a stream, set up in this one place. A TURN-over-TLS
 * listener ({@code turns:}) puts its TLS handler first and then calls {@link #addTurnHandlers}.
 */
final class TcpPipeline extends ChannelInitializer<SocketChannel> {
  private final Dispatcher dispatcher;
  private final Allocations allocations;
  private final Duration allocateTimeout;
  private final TurnMetrics metrics;

  TcpPipeline(
      Dispatcher dispatcher,
      Allocations allocations,
      Duration allocateTimeout,
      TurnMetrics metrics) {
    this.dispatcher = dispatcher;
    this.allocations = allocations;
    this.allocateTimeout = allocateTimeout;
    this.metrics = metrics;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    addTurnHandlers(channel.pipeline());
  }

  /** Framing of STUN and ChannelData on the stream, then the TURN handler; after TLS, if any. */
  void addTurnHandlers(ChannelPipeline pipeline) {
    pipeline.addLast(
        new StreamFramer(), new TcpHandler(dispatcher, allocations, allocateTimeout, metrics));
  }
}
