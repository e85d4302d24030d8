package dev.parley.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;

/**
 * Adds {@code Strict-Transport-Security} (RFC 6797) to every response sent over TLS, so a browser
 * that once reached Parley over HTTPS never again tries plain HTTP for this host. Without {@code
 * includeSubDomains}: other services under the same domain are not Parley's to decide.
 */
@Sharable
final class HstsHeader extends ChannelOutboundHandlerAdapter {
  private final String value;

  HstsHeader(Duration maxAge) {
    this.value = "max-age=" + maxAge.toSeconds();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      response.headers().set("Strict-Transport-Security", value);
    }
    ctx.write(msg, promise);
  }
}
