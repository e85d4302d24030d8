package dev.parley.http;

import dev.parley.config.HttpConfig;
import dev.parley.signal.Signaling;
import dev.parley.tls.ServerCertificate;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;

/** The pipeline of every accepted connection, one concern per handler. */
final class ChannelSetup extends ChannelInitializer<SocketChannel> {
  /** Requests are GETs and upgrades; anything larger is not for this server. */
  private static final int MAX_REQUEST_BYTES = 16 * 1024;

  private final HttpConfig config;
  private final Signaling signaling;
  private final HttpRequestHandler requests;
  private final WebSocketServerProtocolConfig webSocket;
  private final ChannelGroup connections;
  /** {@code null} for plain HTTP. */
  private final ServerCertificate tls;
  /** {@code null} when no Strict-Transport-Security header is sent. */
  private final HstsHeader hsts;

  /**
   * @param tls the certificate to speak HTTPS with, or {@code null} for plain HTTP
   * @param hsts adds the HSTS header to responses, or {@code null}
   */
  ChannelSetup(HttpConfig config, Signaling signaling, HttpRequestHandler requests, ChannelGroup connections,
      ServerCertificate tls, HstsHeader hsts) {
    this.config = config;
    this.tls = tls;
    this.hsts = hsts;
    this.connections = connections;
    this.signaling = signaling;
    this.requests = requests;
    this.webSocket = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(HttpRequestHandler.WEBSOCKET_PATH)
        .checkStartsWith(false)
        .handshakeTimeoutMillis(10_000)
        // Pongs are signs of life for the keep-alive; the session handler drops them.
        .dropPongFrames(false)
        .decoderConfig(WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(config.maxFrameBytes())
            // Invalid UTF-8 is answered with a protocol error by the session, not a close.
            .withUTF8Validator(false)
            // The session closes the connection, without losing its close frame to a reset.
            .closeOnProtocolViolation(false)
            .build())
        .build();
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    connections.add(channel);
    ChannelPipeline pipeline = channel.pipeline();
    if (tls != null) {
      // The certificate current when the connection starts: a reload affects new connections only.
      pipeline.addLast(tls.newHandler(channel.alloc()));
    }
    pipeline.addLast(new HttpServerCodec(4096, MAX_REQUEST_BYTES, 8192));
    if (hsts != null) {
      pipeline.addLast(hsts);
    }
    pipeline.addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
    pipeline.addLast(new RequestDeadline(config.handshakeTimeout()));
    pipeline.addLast(requests);
    pipeline.addLast(new WebSocketProtocol(webSocket));
    pipeline.addLast(new WebSocketFrameAggregator(config.maxFrameBytes()));
    pipeline.addLast(new WebSocketSessionHandler(signaling));
  }
}
