package dev.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;

/** Opens one client WebSocket whose text frames go to a handler of the caller's. */
final class WebSocketDial {
  /** Handshake answers are small; this only bounds a misbehaving server. */
  private static final int MAX_HTTP_BYTES = 16 * 1024;

  private WebSocketDial() {}

  /**
   * @param source local address to connect from ({@code null}: the system's choice); tens of
   *     thousands of connections to one server port need several loopback source addresses
   * @param handler added after the WebSocket handler; sees the handshake events and the frames
   */
  static ChannelFuture open(
      Bootstrap bootstrap,
      EventLoop loop,
      URI url,
      InetSocketAddress source,
      ChannelHandler handler) {
    WebSocketClientProtocolConfig webSocket =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(url)
            // Not a browser: no Origin, as Parley's protocol expects of non-browser clients.
            .generateOriginHeader(false)
            // The frames are ASCII JSON; validating them would only take CPU from the run.
            .withUTF8Validator(false)
            // Generous: on a loaded machine a starved server can take seconds to answer.
            .handshakeTimeoutMillis(30_000)
            .build();
    Bootstrap b =
        bootstrap
            .clone(loop)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(
                            new HttpClientCodec(),
                            new HttpObjectAggregator(MAX_HTTP_BYTES),
                            new WebSocketClientProtocolHandler(webSocket),
                            handler);
                  }
                });
    InetSocketAddress server = new InetSocketAddress(url.getHost(), url.getPort());
    return source == null ? b.connect(server) : b.connect(server, source);
  }
}
