package dev.parley.turn;

import dev.parley.config.PortRange;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Binds relay sockets on ports from the configured range. The first port tried is random (RFC 8656
 * §7.2 asks for unpredictable relayed ports), then the following ones, a bounded number of times.
 * EVEN-PORT (§7.2, §18.6) asks for an even port, and with its R bit for the next port to be held
 * too, for the client's RTCP.
 */
final class RelayPorts {
  private static final int ATTEMPTS = 32;

  /**
   * A bound relay socket and its handler; {@code next} is the reserved port+1 socket, or {@code
   * null}.
   */
  record Bound(Channel channel, RelaySocket handler, Bound next) {}

  private final PortRange range;
  private final Class<? extends DatagramChannel> channelClass;

  RelayPorts(PortRange range, Class<? extends DatagramChannel> channelClass) {
    this.range = range;
    this.channelClass = channelClass;
  }

  /** What an Allocate asks of its relay socket. */
  record Request(boolean even, boolean reserveNext, boolean dontFragment) {}

  /** Whether relay sockets can be made to set the DF bit here. */
  boolean supportsDontFragment() {
    return DontFragmentSockets.supported(channelClass);
  }

  /**
   * Binds a UDP socket on {@code loop}, so the allocation and its relay share one thread. {@code
   * done} receives the bound socket, or {@code null} if no port was free.
   */
  void bind(EventLoop loop, InetAddress address, Request request, Consumer<Bound> done) {
    int port = range.low() + ThreadLocalRandom.current().nextInt(range.size());
    if (request.even() && port % 2 == 1) {
      port = port + 1 > range.high() - (request.reserveNext() ? 1 : 0) ? evenLow() : port + 1;
    }
    attempt(loop, address, port, request, 0, done);
  }

  private int evenLow() {
    return range.low() % 2 == 0 ? range.low() : range.low() + 1;
  }

  private void attempt(
      EventLoop loop,
      InetAddress address,
      int port,
      Request request,
      int tries,
      Consumer<Bound> done) {
    boolean even = request.even();
    boolean reserveNext = request.reserveNext();
    int last = range.high() - (reserveNext ? 1 : 0);
    if (tries == Math.min(ATTEMPTS, range.size())
        || port > last && (even ? evenLow() : range.low()) > last) {
      done.accept(null);
      return;
    }
    int step = even ? 2 : 1;
    int next = port + step > last ? (even ? evenLow() : range.low()) : port + step;
    bindOne(
        loop,
        address,
        port,
        request.dontFragment(),
        bound -> {
          if (bound == null) {
            attempt(loop, address, next, request, tries + 1, done);
          } else if (!reserveNext) {
            done.accept(bound);
          } else {
            bindOne(
                loop,
                address,
                port + 1,
                request.dontFragment(),
                reserved -> {
                  if (reserved == null) {
                    bound.channel().close();
                    attempt(loop, address, next, request, tries + 1, done);
                  } else {
                    done.accept(new Bound(bound.channel(), bound.handler(), reserved));
                  }
                });
          }
        });
  }

  /**
   * Binds exactly this address and port on {@code loop}; {@code done} receives {@code null} if it
   * is taken.
   */
  void bindExactly(
      EventLoop loop, InetSocketAddress address, boolean dontFragment, Consumer<Bound> done) {
    bindOne(loop, address.getAddress(), address.getPort(), dontFragment, done);
  }

  private void bindOne(
      EventLoop loop, InetAddress address, int port, boolean dontFragment, Consumer<Bound> done) {
    RelaySocket handler = new RelaySocket();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelClass)
            .option(ChannelOption.SO_RCVBUF, TurnServer.UDP_BUFFER_BYTES)
            .option(ChannelOption.SO_SNDBUF, TurnServer.UDP_BUFFER_BYTES);
    if (dontFragment) {
      bootstrap.option(DontFragmentSockets.option(address), DontFragmentSockets.PMTUDISC_DO);
    }
    ChannelFuture future = bootstrap.handler(handler).bind(address, port);
    future.addListener(
        f -> done.accept(f.isSuccess() ? new Bound(future.channel(), handler, null) : null));
  }
}
