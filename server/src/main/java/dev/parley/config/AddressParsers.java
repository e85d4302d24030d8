package dev.parley.config;

import dev.parley.config.Parser.Invalid;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link Parser}s of where things are: hosts to listen on, origins, IP literals, port ranges
 * and URLs. They catch what is surely a mistake (a URL where a host belongs, a port, a stray
 * space); resolving names is the server's job.
 */
final class AddressParsers {
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
  private static final Pattern IPV6 =
      Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9._-]+)?");

  private AddressParsers() {}

  /**
   * Host names and IP literals to listen on. Resolving them is the server's job; this only catches
   * what is surely a mistake: a URL, a port, a stray space.
   */
  static Parser<List<String>> hosts() {
    return Parser.list(
        "<host,...>",
        host -> {
          if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new Invalid("host names or IP addresses, comma separated, without a port");
          }
          return host;
        },
        "at least one host name or IP address");
  }

  /**
   * Web origins as browsers send them in {@code Origin}: scheme, host and optional port, nothing
   * else. A trailing slash or path would never match, so it is refused rather than ignored.
   */
  static Parser<List<String>> origins() {
    return Parser.list(
        "<origin,...>",
        origin -> {
          if (origin.equals("*")) {
            return origin;
          }
          uri(
              origin,
              uri ->
                  uri.getScheme() != null
                      && uri.getHost() != null
                      && uri.getRawUserInfo() == null
                      && uri.getRawPath().isEmpty()
                      && uri.getRawQuery() == null
                      && uri.getRawFragment() == null,
              "origins such as https://example.com (scheme, host and port only) or *");
          return origin.toLowerCase(Locale.ROOT);
        },
        null);
  }

  /** An inclusive range of UDP ports, {@code 49152-65535}. */
  static Parser<PortRange> portRange() {
    return new Parser<>(
        "<low-high>",
        false,
        text -> {
          Matcher m = Pattern.compile("(\\d{1,5})\\s*-\\s*(\\d{1,5})").matcher(text.strip());
          if (!m.matches()) {
            throw new Invalid("a port range such as 49152-65535");
          }
          int low = Integer.parseInt(m.group(1));
          int high = Integer.parseInt(m.group(2));
          if (low < 1 || high > 65535 || low > high) {
            throw new Invalid("a port range low-high with 1 <= low <= high <= 65535");
          }
          return new PortRange(low, high);
        });
  }

  /** One IP literal (no host name: an advertised address must not depend on DNS at start-up). */
  static Parser<String> ipLiteral() {
    return new Parser<>(
        "<ip>",
        false,
        text -> {
          String ip = text.strip();
          boolean v4 = ip.matches("\\d{1,3}(\\.\\d{1,3}){3}");
          if (!v4 && !IPV6.matcher(ip).matches()) {
            throw new Invalid("an IPv4 or IPv6 address");
          }
          return ip;
        });
  }

  /** {@code stun:}, {@code turn:} or {@code turns:} URLs (RFC 7064, RFC 7065). */
  static Parser<List<String>> iceUrls() {
    return Parser.list(
        "<url,...>",
        url -> {
          if (!url.matches("(stun|stuns|turn|turns):[^\\s,]+")) {
            throw new Invalid(
                "stun:, turn: or turns: URLs such as turn:turn.example.com:3478?transport=udp");
          }
          return url;
        },
        null);
  }

  /** {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://} for TLS. */
  static Parser<URI> redisUrl() {
    return url(
        uri ->
            ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
                && uri.getHost() != null
                && uri.getQuery() == null
                && uri.getFragment() == null
                && (uri.getPath() == null
                    || uri.getPath().isEmpty()
                    || uri.getPath().matches("/\\d{1,2}")),
        "a redis:// URL such as redis://localhost:6379");
  }

  /** An absolute {@code http://} or {@code https://} URL with a host, and no fragment. */
  static Parser<URI> httpUrl() {
    return url(
        uri ->
            ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null
                && uri.getFragment() == null,
        "an http:// or https:// URL such as https://backend.example.com/parley-events");
  }

  private static Parser<URI> url(Predicate<URI> valid, String expected) {
    return new Parser<>("<url>", false, text -> uri(text.strip(), valid, expected));
  }

  /**
   * The URI {@code text} is if {@code valid} accepts it, else {@link Invalid} with {@code
   * expected}.
   */
  private static URI uri(String text, Predicate<URI> valid, String expected) {
    try {
      URI uri = new URI(text);
      if (valid.test(uri)) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // not a URI at all: the same message as for the wrong kind of URI
    }
    throw new Invalid(expected);
  }
}
