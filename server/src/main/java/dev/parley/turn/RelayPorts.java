package dev.parley.turn;

import dev.parley.config.PortRange;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Binds relay sockets on ports from the configured range. The first port tried is random
 * (RFC 8656 §7.2 asks for unpredictable relayed ports), then the following ones, a bounded
 * number of times.
 */
final class RelayPorts {
  private static final int ATTEMPTS = 32;

  private final PortRange range;
  private final Class<? extends DatagramChannel> channelClass;

  RelayPorts(PortRange range, Class<? extends DatagramChannel> channelClass) {
    this.range = range;
    this.channelClass = channelClass;
  }

  /**
   * Binds a UDP socket on {@code loop}, so the allocation and its relay share one thread.
   * {@code done} receives the bound channel, or {@code null} if no port was free.
   */
  void bind(EventLoop loop, InetAddress address, ChannelHandler handler, Consumer<Channel> done) {
    int first = range.low() + ThreadLocalRandom.current().nextInt(range.size());
    attempt(new Bootstrap().group(loop).channel(channelClass).handler(handler), address, first, 0, done);
  }

  private void attempt(Bootstrap bootstrap, InetAddress address, int port, int tries, Consumer<Channel> done) {
    if (tries == Math.min(ATTEMPTS, range.size())) {
      done.accept(null);
      return;
    }
    ChannelFuture bound = bootstrap.bind(address, port);
    bound.addListener(f -> {
      if (f.isSuccess()) {
        done.accept(bound.channel());
      } else {
        int next = port == range.high() ? range.low() : port + 1;
        attempt(bootstrap, address, next, tries + 1, done);
      }
    });
  }
}
