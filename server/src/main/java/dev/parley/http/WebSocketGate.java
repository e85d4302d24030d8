package dev.parley.http;

import dev.parley.auth.ConnectionLimiter;
import dev.parley.auth.OriginPolicy;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;

/** Decides whether an upgrade to {@code /ws} may go ahead. Thread-safe. */
final class WebSocketGate {
  /** Why an upgrade was refused, as the HTTP answer to give. */
  record Refusal(HttpResponseStatus status, String reason) {}

  private final OriginPolicy origins;
  private final ConnectionLimiter perAddress;
  private volatile boolean draining;

  WebSocketGate(OriginPolicy origins, ConnectionLimiter perAddress) {
    this.origins = origins;
    this.perAddress = perAddress;
  }

  /**
   * {@code null} when the upgrade may proceed; the connection is then counted against its address
   * until it closes.
   */
  Refusal admit(Channel channel, HttpRequest request) {
    if (draining) {
      return new Refusal(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "server is shutting down; try another or retry shortly");
    }
    boolean secure = channel.pipeline().get(SslHandler.class) != null;
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (!origins.allows(origin, request.headers().get(HttpHeaderNames.HOST), secure)) {
      return new Refusal(HttpResponseStatus.FORBIDDEN, "origin " + origin + " is not allowed");
    }
    var address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
    if (!perAddress.tryAcquire(address)) {
      return new Refusal(
          HttpResponseStatus.TOO_MANY_REQUESTS, "too many connections from your address");
    }
    channel.closeFuture().addListener(closed -> perAddress.release(address));
    return null;
  }

  void drain() {
    draining = true;
  }

  boolean draining() {
    return draining;
  }
}
