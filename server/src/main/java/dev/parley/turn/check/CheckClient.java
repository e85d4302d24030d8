package dev.parley.turn.check;

import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.stun.Data;
import dev.parley.stun.ErrorCode;
import dev.parley.stun.IntegrityKeys;
import dev.parley.stun.Lifetime;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunParseException;
import dev.parley.stun.TransactionId;
import dev.parley.stun.Username;
import dev.parley.stun.XorPeerAddress;
import dev.parley.stun.XorRelayedAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One TURN client of the check, on the server's own codec: the long-term credential mechanism (an
 * unsigned first request learns realm and nonce from the 401; a 438 renews the nonce once, RFC 8489
 * §9.2), and over UDP requests resent with doubling waits from 500 ms (§6.2.1).
 */
final class CheckClient implements AutoCloseable {
  private static final Duration FIRST_RETRANSMISSION = Duration.ofMillis(500);

  private final ClientSocket socket;
  private final Credential credential;
  private final Duration timeout;
  private final String server;
  private String realm;
  private String nonce;

  CheckClient(ClientSocket socket, Credential credential, Duration timeout, String server) {
    this.socket = socket;
    this.credential = credential;
    this.timeout = timeout;
    this.server = server;
  }

  /** Allocates a relayed address; the first one if the server gives two. */
  InetSocketAddress allocate() throws CheckFailed {
    StunMessage response = request(Method.ALLOCATE, new RequestedTransport(RequestedTransport.UDP));
    return response
        .attribute(XorRelayedAddress.class)
        .orElseThrow(
            () ->
                new CheckFailed(
                    "the Allocate response from " + server + " has no XOR-RELAYED-ADDRESS"))
        .address();
  }

  void permit(InetSocketAddress peer) throws CheckFailed {
    request(Method.CREATE_PERMISSION, new XorPeerAddress(peer));
  }

  /** Deletes the allocation (Refresh with lifetime 0), so the check leaves nothing behind. */
  void release() throws CheckFailed {
    request(Method.REFRESH, new Lifetime(0));
  }

  void send(InetSocketAddress peer, byte[] data) throws CheckFailed {
    StunMessage indication =
        new StunMessage(
            new MessageType(Method.SEND, MessageClass.INDICATION),
            TransactionId.random(),
            List.of(new XorPeerAddress(peer), new Data(data)));
    transmit(indication.encode());
  }

  /** The payload of the next Data indication from {@code peer}, skipping anything else. */
  byte[] receiveFrom(InetSocketAddress peer) throws CheckFailed {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      StunMessage message = next(deadline, "relayed data from " + peer);
      if (message.type().equals(new MessageType(Method.DATA, MessageClass.INDICATION))
          && message
              .attribute(XorPeerAddress.class)
              .map(p -> p.address().equals(peer))
              .orElse(false)) {
        return message
            .attribute(Data.class)
            .map(data -> data.payload().toByteArray())
            .orElse(new byte[0]);
      }
    }
  }

  /** A signed request, answered with success; anything else fails the check. */
  private StunMessage request(Method method, StunAttribute... attributes) throws CheckFailed {
    if (nonce == null) {
      learn(exchange(build(method, attributes, false)));
    }
    StunMessage response = exchange(build(method, attributes, true));
    if (errorCode(response) == 438) {
      learn(response);
      response = exchange(build(method, attributes, true));
    }
    if (response.type().messageClass() != MessageClass.SUCCESS_RESPONSE) {
      throw new CheckFailed(method + " refused by " + server + ": " + describeError(response));
    }
    return response;
  }

  private StunMessage build(Method method, StunAttribute[] attributes, boolean signed)
      throws CheckFailed {
    List<StunAttribute> all = new ArrayList<>(List.of(attributes));
    StunMessage request;
    if (signed) {
      if (realm == null || nonce == null) {
        throw new CheckFailed(
            server + " did not challenge with a realm and nonce (is it a TURN server?)");
      }
      all.add(new Username(credential.username()));
      all.add(new Realm(realm));
      all.add(new Nonce(nonce));
      request =
          new StunMessage(
                  new MessageType(method, MessageClass.REQUEST), TransactionId.random(), all)
              .withMessageIntegrity(
                  IntegrityKeys.longTerm(credential.username(), realm, credential.password()));
    } else {
      request =
          new StunMessage(
              new MessageType(method, MessageClass.REQUEST), TransactionId.random(), all);
    }
    return request.withFingerprint();
  }

  private void learn(StunMessage challenge) {
    challenge.attribute(Realm.class).ifPresent(r -> realm = r.value());
    challenge.attribute(Nonce.class).ifPresent(n -> nonce = n.value());
  }

  /** Sends the request and returns the response with its transaction id. */
  private StunMessage exchange(StunMessage request) throws CheckFailed {
    byte[] bytes = request.encode();
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration wait = socket.unreliable() ? FIRST_RETRANSMISSION : timeout;
    transmit(bytes);
    long resendAt = System.nanoTime() + wait.toNanos();
    while (true) {
      StunMessage message;
      try {
        message = next(Math.min(deadline, resendAt), "an answer to " + request.type().method());
      } catch (CheckFailed timedOut) {
        if (System.nanoTime() >= deadline
            || !(timedOut.getCause() instanceof SocketTimeoutException)) {
          throw timedOut;
        }
        wait = wait.multipliedBy(2);
        transmit(bytes);
        resendAt = System.nanoTime() + wait.toNanos();
        continue;
      }
      if (message.transactionId().equals(request.transactionId())) {
        return message;
      }
    }
  }

  private StunMessage next(long deadlineNanos, String what) throws CheckFailed {
    while (true) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw new CheckFailed(
            "no " + what + " from " + server + " within " + timeout.toMillis() + " ms",
            new SocketTimeoutException());
      }
      byte[] packet;
      try {
        packet = socket.receive(Duration.ofNanos(left));
      } catch (SocketTimeoutException e) {
        throw new CheckFailed(
            "no " + what + " from " + server + " within " + timeout.toMillis() + " ms", e);
      } catch (IOException e) {
        throw new CheckFailed(Failures.describe(e, server), e);
      }
      try {
        return StunMessage.decode(packet);
      } catch (StunParseException e) {
        // ChannelData or garbage: not what the check waits for
      }
    }
  }

  private void transmit(byte[] bytes) throws CheckFailed {
    try {
      socket.send(bytes);
    } catch (IOException e) {
      throw new CheckFailed(Failures.describe(e, server), e);
    }
  }

  private static int errorCode(StunMessage response) {
    return response.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0);
  }

  private static String describeError(StunMessage response) {
    return response
        .attribute(ErrorCode.class)
        .map(e -> e.code() + " " + e.reason() + hint(e.code()))
        .orElse("an error response without ERROR-CODE");
  }

  private static String hint(int code) {
    return switch (code) {
      case 401 ->
          " (the secret is not the server's, or the clocks differ by more than the credential lifetime)";
      case 403 -> " (the server's peer policy refuses the peer address)";
      case 486, 508 -> " (the server is at its allocation limit)";
      default -> "";
    };
  }

  @Override
  public void close() {
    socket.close();
  }
}
