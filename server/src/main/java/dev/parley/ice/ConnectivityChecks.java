package dev.parley.ice;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.IceControlled;
import dev.parley.stun.IntegrityKeys;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunParseException;
import dev.parley.stun.UseCandidate;
import dev.parley.stun.Username;
import dev.parley.stun.XorMappedAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * A lite agent's answer to a Binding request (RFC 8445 §7.3, RFC 8489 §6.3): the steps in order,
 * each able to stop with a drop or an error response, and only an authenticated check changes a
 * transport (its consent, and on USE-CANDIDATE its selected address). No I/O here.
 */
final class ConnectivityChecks {
  /** What to do about one datagram: nothing (dropped), or send these bytes back. */
  sealed interface Outcome {
    record Dropped(Drop reason) implements Outcome {}

    /**
     * An error response, sent unsigned when the request could not be authenticated (RFC 8489
     * §9.1.3).
     */
    record Refused(int code, byte[] response) implements Outcome {}

    record Answered(IceTransport transport, boolean nominated, byte[] response)
        implements Outcome {}
  }

  /** Finds a transport by its local ufrag. */
  @FunctionalInterface
  interface Transports {
    IceTransport byUfrag(String localUfrag);
  }

  private ConnectivityChecks() {}

  /** Decides on a STUN datagram from {@code sender}; the buffer is read in place. */
  static Outcome check(ByteBuffer datagram, InetSocketAddress sender, Transports transports) {
    StunMessage request;
    try {
      request = StunMessage.decodeView(datagram);
    } catch (StunParseException e) {
      return new Outcome.Dropped(Drop.MALFORMED_STUN);
    }
    // ICE requires FINGERPRINT (RFC 8445 §7.1); a lite agent sends no requests, so answers nothing
    // else.
    if (!request.type().equals(new MessageType(Method.BINDING, MessageClass.REQUEST))
        || !request.hasValidFingerprint()) {
      return new Outcome.Dropped(Drop.MALFORMED_STUN);
    }
    Optional<Username> username = request.attribute(Username.class);
    if (username.isEmpty() || request.attribute(MessageIntegrity.class).isEmpty()) {
      return refuse(
          request, 400, "Bad Request: a check needs USERNAME and MESSAGE-INTEGRITY", null);
    }
    String[] ufrags = username.get().value().split(":", 2);
    IceTransport transport = transports.byUfrag(ufrags[0]);
    if (transport == null) {
      return new Outcome.Dropped(Drop.UNKNOWN_UFRAG);
    }
    byte[] key = IntegrityKeys.shortTerm(transport.local().pwd());
    if (!request.hasValidMessageIntegrity(key)) {
      return refuse(request, 401, "Unauthenticated: wrong MESSAGE-INTEGRITY", null);
    }
    if (transport.remoteUfrag() == null) {
      return new Outcome.Dropped(Drop.NOT_ANSWERED);
    }
    if (ufrags.length < 2 || !ufrags[1].equals(transport.remoteUfrag())) {
      return refuse(
          request, 401, "Unauthenticated: USERNAME is not <local ufrag>:<remote ufrag>", null);
    }
    // A lite agent is always controlled (RFC 8445 §6.1.1): a peer that is controlled too is in
    // conflict.
    if (request.attribute(IceControlled.class).isPresent()) {
      return refuse(
          request, 487, "Role Conflict: this agent is ICE-lite, the peer must be controlling", key);
    }
    byte[] response =
        new StunMessage(
                new MessageType(Method.BINDING, MessageClass.SUCCESS_RESPONSE),
                request.transactionId(),
                List.of(new XorMappedAddress(sender)))
            .withMessageIntegrity(key)
            .withFingerprint()
            .encode();
    return new Outcome.Answered(
        transport, request.attribute(UseCandidate.class).isPresent(), response);
  }

  private static Outcome refuse(StunMessage request, int code, String reason, byte[] key) {
    List<StunAttribute> attributes = List.of(new ErrorCode(code, reason));
    StunMessage response =
        new StunMessage(
            new MessageType(Method.BINDING, MessageClass.ERROR_RESPONSE),
            request.transactionId(),
            attributes);
    if (key != null) {
      response = response.withMessageIntegrity(key);
    }
    return new Outcome.Refused(code, response.withFingerprint().encode());
  }
}
