package dev.parley.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-HTTP listener's only answer: the same URL over HTTPS. 308 rather than 301, so that a
 * client keeps its method; the request body, if any, is never read.
 */
@Sharable
final class HttpsRedirect extends SimpleChannelInboundHandler<HttpRequest> {
  /** A host name, an IPv4 literal or a bracketed IPv6 literal, then an optional port. */
  private static final Pattern HOST =
      Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");

  private final int httpsPort;

  HttpsRedirect(int httpsPort) {
    this.httpsPort = httpsPort;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
    String target =
        "https://" + host(ctx, request) + (httpsPort == 443 ? "" : ":" + httpsPort) + path(request);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.PERMANENT_REDIRECT);
    response
        .headers()
        .set(HttpHeaderNames.LOCATION, target)
        .set(HttpHeaderNames.CONTENT_LENGTH, 0)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * The host the client asked for, without its port; the address it reached when it named none
   * usable.
   */
  private static String host(ChannelHandlerContext ctx, HttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.HOST);
    if (header != null) {
      Matcher m = HOST.matcher(header.strip());
      if (m.matches()) {
        return m.group(1);
      }
    }
    InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
    String ip = local.getAddress().getHostAddress().replaceFirst("%.*", "");
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }

  /** The request target if it is a path (origin-form); anything else goes to the root. */
  private static String path(HttpRequest request) {
    String uri = request.uri();
    return uri.startsWith("/") && !uri.startsWith("//") ? uri : "/";
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
