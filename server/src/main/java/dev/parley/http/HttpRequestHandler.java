package dev.parley.http;

import dev.parley.admin.AdminApi;
import dev.parley.metrics.Metrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers plain HTTP: the web root, {@code /healthz}, {@code /readyz}, {@code /metrics} and the
 * admin API; lets admitted {@code /ws} upgrades through to the WebSocket handler behind it.
 */
@Sharable
final class HttpRequestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);
  static final String WEBSOCKET_PATH = "/ws";

  private final StaticFiles files;
  private final Metrics metrics;
  private final WebSocketGate gate;
  private final AdminApi admin;

  /**
   * False while a clustered node cannot reach Redis: it serves its own peers, but should get no new
   * ones.
   */
  private final BooleanSupplier clusterReady;

  HttpRequestHandler(
      StaticFiles files,
      Metrics metrics,
      WebSocketGate gate,
      AdminApi admin,
      BooleanSupplier clusterReady) {
    this.files = files;
    this.metrics = metrics;
    this.gate = gate;
    this.admin = admin;
    this.clusterReady = clusterReady;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (!request.decoderResult().isSuccess()) {
        respond(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "malformed request"));
        return;
      }
      String path = new QueryStringDecoder(request.uri()).path();
      if (path.equals(WEBSOCKET_PATH)) {
        upgrade(ctx, request);
        return;
      }
      if (AdminApi.handles(path)) {
        admin(ctx, request);
        return;
      }
      if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
        FullHttpResponse response =
            text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD");
        response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        respond(ctx, request, response);
        return;
      }
      respond(
          ctx,
          request,
          switch (path) {
            case "/healthz" -> text(HttpResponseStatus.OK, "ok");
            case "/readyz" ->
                gate.draining()
                    ? text(HttpResponseStatus.SERVICE_UNAVAILABLE, "draining")
                    : !clusterReady.getAsBoolean()
                        ? text(HttpResponseStatus.SERVICE_UNAVAILABLE, "redis unreachable")
                        : text(HttpResponseStatus.OK, "ready");
            case "/metrics" -> metrics();
            default -> file(request, path);
          });
    } finally {
      ReferenceCountUtil.release(request);
    }
  }

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
    WebSocketGate.Refusal refusal = gate.admit(ctx.channel(), request);
    if (refusal != null) {
      metrics.connectionRefused();
      FullHttpResponse response = text(refusal.status(), refusal.reason());
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    // The WebSocket handler after this one performs the handshake and will release it.
    ctx.fireChannelRead(request.retain());
  }

  private void admin(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    admin
        .handle(
            request.method(), request.uri(), request.headers().get(HttpHeaderNames.AUTHORIZATION))
        .whenComplete(
            (reply, failure) -> {
              FullHttpResponse response;
              if (failure == null) {
                response =
                    new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, reply.status(), Unpooled.wrappedBuffer(reply.json()));
                response
                    .headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.json().length);
                if (reply.status().equals(HttpResponseStatus.UNAUTHORIZED)) {
                  response
                      .headers()
                      .set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"parley-admin\"");
                }
              } else {
                log.warn("admin request {} {} failed", request.method(), AdminApi.PREFIX, failure);
                response = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
              }
              HttpUtil.setKeepAlive(response, keepAlive);
              var written = ctx.writeAndFlush(response);
              if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
              }
            });
  }

  private FullHttpResponse metrics() {
    FullHttpResponse response = text(HttpResponseStatus.OK, metrics.scrape());
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    return response;
  }

  private FullHttpResponse file(FullHttpRequest request, String path) {
    StaticFiles.File file = files.find(path);
    if (file == null) {
      return text(HttpResponseStatus.NOT_FOUND, "not found");
    }
    String cacheControl = file.immutable() ? "public, max-age=31536000, immutable" : "no-cache";
    if (file.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
      FullHttpResponse notModified =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
      notModified
          .headers()
          .set(HttpHeaderNames.ETAG, file.etag())
          .set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
      return notModified;
    }
    boolean gzip = file.gzipped() != null && acceptsGzip(request);
    byte[] body = gzip ? file.gzipped() : file.bytes();
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.OK,
            request.method().equals(HttpMethod.HEAD)
                ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, file.contentType())
        .set(HttpHeaderNames.ETAG, file.etag())
        .set(HttpHeaderNames.CACHE_CONTROL, cacheControl)
        .set("X-Content-Type-Options", "nosniff")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (file.gzipped() != null) {
      response.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
    }
    if (gzip) {
      response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
    }
    return response;
  }

  private static boolean acceptsGzip(FullHttpRequest request) {
    String accept = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip");
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body) {
    ByteBuf content =
        Unpooled.copiedBuffer(body.endsWith("\n") ? body : body + "\n", StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    return response;
  }

  private static void respond(
      ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
    boolean keepAlive =
        HttpUtil.isKeepAlive(request) && !response.status().equals(HttpResponseStatus.BAD_REQUEST);
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
