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
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import java.time.Duration;

/**
 * The pipeline of every accepted connection, one concern per handler: TLS, then the HTTP and
 * WebSocket handlers; with TURN on this port, a {@link TurnDetector} first that puts either those
 * or TURN's in place.
 */
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

  /** {@code null} when this port serves HTTP alone. */
  private final TurnOnWebPort turn;

  /**
   * @param tls the certificate to speak HTTPS with, or {@code null} for plain HTTP
   * @param hsts adds the HSTS header to responses, or {@code null}
   * @param turn TURN served on this port too, or {@code null}
   */
  ChannelSetup(
      HttpConfig config,
      Signaling signaling,
      HttpRequestHandler requests,
      ChannelGroup connections,
      ServerCertificate tls,
      HstsHeader hsts,
      TurnOnWebPort turn) {
    this.config = config;
    this.tls = tls;
    this.hsts = hsts;
    this.turn = turn;
    this.connections = connections;
    this.signaling = signaling;
    this.requests = requests;
    this.webSocket =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(HttpRequestHandler.WEBSOCKET_PATH)
            .checkStartsWith(false)
            .handshakeTimeoutMillis(10_000)
            // Pongs are signs of life for the keep-alive; the session handler drops them.
            .dropPongFrames(false)
            .decoderConfig(
                WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(config.maxFrameBytes())
                    // No extension is negotiated (no compression handler in the pipeline), so
                    // frames
                    // with RSV bits are refused: TextFrames writes every frame whole and
                    // uncompressed.
                    .allowExtensions(false)
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
    Duration deadline = config.handshakeTimeout();
    if (turn == null) {
      addTls(channel, pipeline);
      addHttp(pipeline, deadline);
      return;
    }
    // Inside TLS the first bytes tell TURN from HTTP, not ALPN: the certificate's context offers
    // none (HTTP/1.1 only), so a client offering stun.turn (RFC 7443) is told apart the same way.
    // The TLS handler is the HTTPS one, so turns: here has the same certificate and its reloads.
    TurnDetector.Next stream = (next, remaining) -> turn.handlers().accept(next);
    TurnDetector.Next http = this::addHttp;
    if (tls == null) {
      pipeline.addLast(new TurnDetector(deadline, stream, http));
    } else if (turn.beforeTls()) {
      pipeline.addLast(
          new TurnDetector(
              deadline,
              stream,
              (next, remaining) -> {
                addTls(channel, next);
                next.addLast(new TurnDetector(remaining, stream, http));
              }));
    } else {
      addTls(channel, pipeline);
      pipeline.addLast(new TurnDetector(deadline, stream, http));
    }
  }

  private void addTls(SocketChannel channel, ChannelPipeline pipeline) {
    if (tls != null) {
      // The certificate current when the connection starts: a reload affects new connections only.
      pipeline.addLast(tls.newHandler(channel.alloc()));
    }
  }

  /**
   * @param firstWait the time left for the first complete request
   */
  private void addHttp(ChannelPipeline pipeline, Duration firstWait) {
    pipeline.addLast(new HttpServerCodec(4096, MAX_REQUEST_BYTES, 8192));
    if (hsts != null) {
      pipeline.addLast(hsts);
    }
    pipeline.addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
    pipeline.addLast(new RequestDeadline(config.handshakeTimeout(), firstWait));
    pipeline.addLast(requests);
    pipeline.addLast(new WebSocketProtocol(webSocket));
    pipeline.addLast(new WebSocketFrameAggregator(config.maxFrameBytes()));
    pipeline.addLast(new WebSocketSessionHandler(signaling));
  }
}
