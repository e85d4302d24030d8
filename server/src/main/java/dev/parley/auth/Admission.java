package dev.parley.auth;

import dev.parley.config.AuthConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Decides whether a join may go ahead, before any room sees it: the join rate of the client's
 * address (a bucket of {@code joins-per-minute-per-ip}, refilled evenly over a minute), then, in
 * token mode, its access token. Thread-safe.
 */
public final class Admission {
  /** The answer to a join. */
  public sealed interface Decision {}

  public record Admitted(AccessGrant grant) implements Decision {}

  /**
   * @param rateLimited too many joins from the address; otherwise unauthorized
   */
  public record Refused(boolean rateLimited, String message) implements Decision {}

  private final AuthConfig.Mode mode;
  private final AccessTokens tokens;
  private final int joinsPerMinute;

  /** Joins per client address, over all its connections, so reconnecting does not reset it. */
  private final AddressLimiter joins;

  public Admission(AuthConfig config, AccessTokens tokens) {
    this.mode = config.mode();
    this.tokens = tokens;
    this.joinsPerMinute = config.joinsPerMinutePerIp();
    this.joins = new AddressLimiter(joinsPerMinute / 60.0, joinsPerMinute);
  }

  /**
   * @param remote the client's address; one that is not an IP address (in-process tests) counts as
   *     loopback
   */
  public Decision admit(SocketAddress remote, String room, String requestedName, String token) {
    InetAddress address =
        remote instanceof InetSocketAddress inet
            ? inet.getAddress()
            : InetAddress.getLoopbackAddress();
    if (!joins.tryAcquire(address)) {
      return new Refused(
          true, "too many joins from your address: at most " + joinsPerMinute + " per minute");
    }
    if (mode == AuthConfig.Mode.OPEN) {
      return new Admitted(AccessGrant.open(requestedName));
    }
    try {
      return new Admitted(tokens.verify(token, room, requestedName));
    } catch (AccessTokens.Invalid e) {
      return new Refused(false, e.getMessage());
    }
  }
}
