package dev.parley.turn.check;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code turn:} URL (RFC 7065) as the check takes it: host, port (3478 when absent) and transport
 * (UDP when absent). {@code turns:} is TURN over TLS, which this check does not speak.
 *
 * @param tcp whether {@code ?transport=tcp}
 */
public record TurnUrl(String host, int port, boolean tcp) {
  private static final int DEFAULT_PORT = 3478;
  private static final Pattern URL =
      Pattern.compile(
          "turn:(\\[[0-9A-Fa-f:.]+]|[^:?\\[\\]]+)(?::(\\d{1,5}))?(?:\\?transport=(udp|tcp))?",
          Pattern.CASE_INSENSITIVE);

  /**
   * @throws IllegalArgumentException with a message for the user
   */
  public static TurnUrl parse(String text) {
    Matcher m = URL.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a turn: URL such as turn:turn.example.com:3478?transport=udp");
    }
    String host =
        m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
    int port = m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "port " + port + " in '" + text + "' is not between 1 and 65535");
    }
    boolean tcp = m.group(3) != null && m.group(3).toLowerCase(Locale.ROOT).equals("tcp");
    return new TurnUrl(host, port, tcp);
  }

  /** Resolves the host (a DNS lookup for a name). */
  InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return "turn:"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "?transport="
        + (tcp ? "tcp" : "udp");
  }
}
