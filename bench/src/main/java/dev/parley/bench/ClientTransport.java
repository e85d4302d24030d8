package dev.parley.bench;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Native epoll where the platform has it, NIO elsewhere. The load generator shares the machine with
 * the server, so every cycle it saves per message is one the server can use.
 */
record ClientTransport(
    String name, IoHandlerFactory ioHandlers, Class<? extends SocketChannel> channel) {

  static ClientTransport best() {
    if (Epoll.isAvailable()) {
      return new ClientTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class);
    }
    return new ClientTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class);
  }

  MultiThreadIoEventLoopGroup newGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory("bench-io"), ioHandlers);
  }
}
