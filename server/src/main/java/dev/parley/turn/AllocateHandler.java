package dev.parley.turn;

import dev.parley.turn.stun.AdditionalAddressFamily;
import dev.parley.turn.stun.AddressFamily;
import dev.parley.turn.stun.DontFragment;
import dev.parley.turn.stun.EvenPort;
import dev.parley.turn.stun.Lifetime;
import dev.parley.turn.stun.RequestedAddressFamily;
import dev.parley.turn.stun.RequestedTransport;
import dev.parley.turn.stun.ReservationToken;
import dev.parley.turn.stun.StunAttribute;
import dev.parley.turn.stun.StunMessage;
import dev.parley.turn.stun.UnknownAttributes;
import dev.parley.turn.stun.XorMappedAddress;
import dev.parley.turn.stun.XorRelayedAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Allocate (RFC 8656 §7.2): a relayed transport address for the client's 5-tuple. */
final class AllocateHandler {
  /** RFC 8656 §7.2: a lifetime below this is raised to it. */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(600);

  private final TurnContext turn;

  AllocateHandler(TurnContext turn) {
    this.turn = turn;
  }

  void handleAllocate(ClientLink link, StunMessage request, String username, byte[] key) {
    if (answerRetransmission(link, request)) {
      return;
    }
    Optional<TurnError> refusal = checkAllocationMismatch(link)
        .or(() -> checkRequestedTransport(request))
        .or(() -> checkAddressFamily(link, request))
        .or(() -> checkReservationToken(request));
    if (refusal.isPresent()) {
      turn.refuse(link, Responses.error(request, refusal.get(), key), refusal.get());
      return;
    }
    if (request.attribute(DontFragment.class).isPresent()) {
      refuseDontFragment(link, request, key);
      return;
    }
    if (!turn.allocations().begin(link.tuple())) {
      return; // a retransmission while the first copy is still binding; that one will answer
    }
    reserveQuota(link, request, username, key);
  }

  /** §7.2 step 2 and §7.2 on retransmissions: the same Allocate again gets the same answer. */
  private boolean answerRetransmission(ClientLink link, StunMessage request) {
    Allocation existing = turn.allocations().get(link.tuple());
    if (existing != null && request.transactionId().equals(existing.allocateTransaction)) {
      link.send(existing.allocateResponse);
      return true;
    }
    return false;
  }

  /** §7.2 step 2: a 5-tuple holds one allocation at most (437). */
  private Optional<TurnError> checkAllocationMismatch(ClientLink link) {
    return turn.allocations().get(link.tuple()) != null
        ? Optional.of(TurnError.ALLOCATION_MISMATCH) : Optional.empty();
  }

  /** §7.2 step 3: REQUESTED-TRANSPORT is required (400) and must be UDP (442). */
  private static Optional<TurnError> checkRequestedTransport(StunMessage request) {
    Optional<RequestedTransport> transport = request.attribute(RequestedTransport.class);
    if (transport.isEmpty()) {
      return Optional.of(TurnError.BAD_REQUEST);
    }
    return transport.get().protocol() == RequestedTransport.UDP
        ? Optional.empty() : Optional.of(TurnError.UNSUPPORTED_TRANSPORT_PROTOCOL);
  }

  /**
   * §7.2 steps 6–8: the relay has the family of the address the client reached; asking for the
   * other (REQUESTED-ADDRESS-FAMILY) or for both (ADDITIONAL-ADDRESS-FAMILY) gets 440.
   */
  private static Optional<TurnError> checkAddressFamily(ClientLink link, StunMessage request) {
    AddressFamily ours = link.tuple().server().getAddress() instanceof Inet6Address
        ? AddressFamily.IPV6 : AddressFamily.IPV4;
    Optional<RequestedAddressFamily> requested = request.attribute(RequestedAddressFamily.class);
    if (requested.isPresent() && request.attribute(ReservationToken.class).isPresent()) {
      return Optional.of(TurnError.BAD_REQUEST);
    }
    if (requested.isPresent() && requested.get().family() != ours
        || request.attribute(AdditionalAddressFamily.class).isPresent()) {
      return Optional.of(TurnError.ADDRESS_FAMILY_NOT_SUPPORTED);
    }
    return Optional.empty();
  }

  /** §7.2 step 5: RESERVATION-TOKEN names a port, EVEN-PORT asks for a new one: not both (400). */
  private static Optional<TurnError> checkReservationToken(StunMessage request) {
    return request.attribute(ReservationToken.class).isPresent() && request.attribute(EvenPort.class).isPresent()
        ? Optional.of(TurnError.BAD_REQUEST) : Optional.empty();
  }

  /** §7.2 step 4: without support for the DF bit, DONT-FRAGMENT is an unknown attribute (420). */
  private void refuseDontFragment(ClientLink link, StunMessage request, byte[] key) {
    turn.refuse(link, Responses.error(request, TurnError.UNKNOWN_ATTRIBUTE, key,
        new UnknownAttributes(List.of(new DontFragment().type()))), TurnError.UNKNOWN_ATTRIBUTE);
  }

  /** §7.2 step 10: quotas, per username (486) and for the whole server (508). */
  private void reserveQuota(ClientLink link, StunMessage request, String username, byte[] key) {
    TurnError refusal = switch (turn.allocations().reserve(username)) {
      case RESERVED -> null;
      case USER_QUOTA_REACHED -> TurnError.ALLOCATION_QUOTA_REACHED;
      case NO_CAPACITY -> TurnError.INSUFFICIENT_CAPACITY;
    };
    if (refusal != null) {
      turn.allocations().end(link.tuple());
      turn.refuse(link, Responses.error(request, refusal, key), refusal);
      return;
    }
    chooseRelayedAddress(link, request, username, key);
  }

  /**
   * §7.2 "the server chooses a relayed transport address": the socket a RESERVATION-TOKEN holds
   * (508 if it holds none), else a free port of the range, even for EVEN-PORT, with the next one
   * held too when its R bit is set (508 if none is free).
   */
  private void chooseRelayedAddress(ClientLink link, StunMessage request, String username, byte[] key) {
    Optional<ReservationToken> token = request.attribute(ReservationToken.class);
    if (token.isPresent()) {
      RelayPorts.Bound reserved = turn.allocations().take(token.get().token());
      if (reserved == null || reserved.channel().eventLoop() == link.eventLoop()) {
        relayBound(link, request, username, key, reserved);
      } else {
        // Held on another event loop (another TCP connection): a socket cannot change loops, so
        // the port is released and bound again on this one. UDP has no TIME_WAIT to stop that.
        InetSocketAddress port = (InetSocketAddress) reserved.channel().localAddress();
        reserved.channel().close().addListener(closed -> link.eventLoop().execute(() ->
            turn.relayPorts().bindExactly(link.eventLoop(), port,
                bound -> relayBound(link, request, username, key, bound))));
      }
      return;
    }
    Optional<EvenPort> even = request.attribute(EvenPort.class);
    turn.relayPorts().bind(link.eventLoop(), link.tuple().server().getAddress(), even.isPresent(),
        even.map(EvenPort::reserveNextPort).orElse(false), bound -> relayBound(link, request, username, key, bound));
  }

  private void relayBound(ClientLink link, StunMessage request, String username, byte[] key, RelayPorts.Bound bound) {
    turn.allocations().end(link.tuple());
    if (bound == null) {
      turn.allocations().release(username);
      turn.refuse(link, Responses.error(request, TurnError.INSUFFICIENT_CAPACITY, key),
          TurnError.INSUFFICIENT_CAPACITY);
      return;
    }
    InetAddress local = link.tuple().server().getAddress();
    int port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
    InetSocketAddress relayed = new InetSocketAddress(turn.advertise().apply(local), port);
    Allocation allocation = new Allocation(link.tuple(), username, link, bound.channel(), relayed, turn.clock(),
        turn.allocations(), turn.metrics());
    bound.handler().attach(allocation);
    Duration lifetime = grantLifetime(request);
    allocation.startExpiring(lifetime);
    allocation.allocateTransaction = request.transactionId();
    List<StunAttribute> attributes = new ArrayList<>(List.of(new XorRelayedAddress(relayed),
        new Lifetime(lifetime.toSeconds())));
    if (bound.next() != null) {
      attributes.add(new ReservationToken(turn.allocations().hold(bound.next())));
    }
    attributes.add(new XorMappedAddress(link.tuple().client()));
    attributes.add(Responses.SOFTWARE);
    allocation.allocateResponse = Responses.success(request, key, attributes.toArray(StunAttribute[]::new));
    turn.allocations().add(allocation);
    link.send(allocation.allocateResponse);
  }

  /** §7.2: the requested LIFETIME, at least the default, at most the configured cap. */
  private Duration grantLifetime(StunMessage request) {
    Duration max = turn.config().maxLifetime();
    Duration asked = request.attribute(Lifetime.class).map(l -> Duration.ofSeconds(l.seconds()))
        .orElse(DEFAULT_LIFETIME);
    Duration atLeastDefault = asked.compareTo(DEFAULT_LIFETIME) < 0 ? DEFAULT_LIFETIME : asked;
    return atLeastDefault.compareTo(max) > 0 ? max : atLeastDefault;
  }
}
