package dev.parley.turn.check;

import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * A real relay through a running TURN server, as a browser would use it: two allocations made with
 * REST credentials from the secret, each permitting the other's relayed address, and data sent from
 * one to the other and back through both relays. It tells whether the server is reachable, accepts
 * the secret's credentials, allocates and relays, and how long a round trip through it takes.
 */
public final class TurnCheck {
  /** The id in the check's TURN username, so its allocations are recognisable in logs. */
  static final String USER_ID = "turn-check";

  private static final Duration CREDENTIAL_TTL = Duration.ofMinutes(10);

  /** What the check found. */
  public sealed interface Outcome {
    /**
     * @param roundTrip from sending through the first relay until the echo came back through it
     */
    record Passed(
        TurnUrl url, InetSocketAddress relayed, InetSocketAddress peerRelayed, Duration roundTrip)
        implements Outcome {}

    record Failed(TurnUrl url, String reason) implements Outcome {}
  }

  private final TurnCredentials credentials;
  private final Duration timeout;

  public TurnCheck(byte[] secret, Duration timeout) {
    this.credentials = new TurnCredentials(secret, Clock.systemUTC());
    this.timeout = timeout;
  }

  public Outcome run(TurnUrl url) {
    try {
      return relay(url);
    } catch (CheckFailed e) {
      return new Outcome.Failed(url, e.getMessage());
    }
  }

  private Outcome.Passed relay(TurnUrl url) throws CheckFailed {
    Credential credential = credentials.issue(USER_ID, CREDENTIAL_TTL);
    try (CheckClient client = connect(url, credential);
        CheckClient peer = connect(url, credential)) {
      InetSocketAddress relayed = client.allocate();
      InetSocketAddress peerRelayed = peer.allocate();
      try {
        client.permit(peerRelayed);
        peer.permit(relayed);
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        long sent = System.nanoTime();
        client.send(peerRelayed, probe);
        byte[] arrived = peer.receiveFrom(relayed);
        peer.send(relayed, arrived);
        byte[] echoed = client.receiveFrom(peerRelayed);
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - sent);
        if (!Arrays.equals(probe, echoed)) {
          throw new CheckFailed("the data relayed through " + url + " came back altered");
        }
        return new Outcome.Passed(url, relayed, peerRelayed, roundTrip);
      } finally {
        releaseQuietly(client);
        releaseQuietly(peer);
      }
    }
  }

  private CheckClient connect(TurnUrl url, Credential credential) throws CheckFailed {
    try {
      return new CheckClient(ClientSocket.open(url, timeout), credential, timeout, url.toString());
    } catch (IOException e) {
      throw new CheckFailed(Failures.describe(e, url.toString()), e);
    }
  }

  /** The allocations expire anyway; a failure to delete them must not hide the check's result. */
  private static void releaseQuietly(CheckClient client) {
    try {
      client.release();
    } catch (CheckFailed e) {
      // expires on its own within its lifetime
    }
  }
}
