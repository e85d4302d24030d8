package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the plain-HTTP listener sends each request; TlsTest covers a Host it cannot use, over a
 * real socket.
 */
final class HttpsRedirectTest {
  static Stream<Arguments> targets() {
    return Stream.of(
        Arguments.of(
            "name and port",
            "meet.example.com:80",
            "/r/standup?x=1",
            8443,
            "https://meet.example.com:8443/r/standup?x=1"),
        Arguments.of(
            "the default HTTPS port is left out",
            "meet.example.com",
            "/",
            443,
            "https://meet.example.com/"),
        Arguments.of(
            "IPv6 literal",
            "[2001:db8::1]:80",
            "/healthz",
            8443,
            "https://[2001:db8::1]:8443/healthz"),
        Arguments.of(
            "absolute-form target goes to the root",
            "meet.example.com",
            "http://other.example/",
            443,
            "https://meet.example.com/"),
        Arguments.of(
            "scheme-relative path goes to the root",
            "meet.example.com",
            "//other.example/x",
            443,
            "https://meet.example.com/"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void redirectsToTheSameUrlOverHttps(
      String name, String host, String uri, int httpsPort, String location) {
    EmbeddedChannel channel = new EmbeddedChannel(new HttpsRedirect(httpsPort));
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    request.headers().set(HttpHeaderNames.HOST, host);

    channel.writeInbound(request);
    FullHttpResponse response = channel.readOutbound();

    assertThat(response.status()).isEqualTo(HttpResponseStatus.PERMANENT_REDIRECT);
    assertThat(response.headers().get(HttpHeaderNames.LOCATION)).isEqualTo(location);
    assertThat(channel.isOpen()).isFalse();
    response.release();
  }
}
