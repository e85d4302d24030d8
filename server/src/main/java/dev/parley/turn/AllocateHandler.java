package dev.parley.turn;

import dev.parley.stun.AdditionalAddressFamily;
import dev.parley.stun.AddressErrorCode;
import dev.parley.stun.AddressFamily;
import dev.parley.stun.DontFragment;
import dev.parley.stun.EvenPort;
import dev.parley.stun.Lifetime;
import dev.parley.stun.RequestedAddressFamily;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.ReservationToken;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunMessage;
import dev.parley.stun.UnknownAttributes;
import dev.parley.stun.XorMappedAddress;
import dev.parley.stun.XorRelayedAddress;
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
    Optional<TurnError> refusal =
        checkAllocationMismatch(link)
            .or(() -> checkRequestedTransport(request))
            .or(() -> checkReservationToken(request));
    if (refusal.isPresent()) {
      turn.refuse(link, Responses.error(request, refusal.get(), key), refusal.get());
      return;
    }
    if (request.attribute(DontFragment.class).isPresent()
        && !turn.relayPorts().supportsDontFragment()) {
      refuseDontFragment(link, request, key);
      return;
    }
    Families families;
    switch (chooseFamilies(link, request)) {
      case Families chosen -> families = chosen;
      case Refused refused -> {
        turn.refuse(link, Responses.error(request, refused.error(), key), refused.error());
        return;
      }
    }
    if (!turn.allocations().begin(link.tuple())) {
      return; // a retransmission while the first copy is still binding; that one will answer
    }
    reserveQuota(new Pending(link, request, username, key, families));
  }

  /** An Allocate on its way through quotas and port binding, with the addresses it relays from. */
  private record Pending(
      ClientLink link, StunMessage request, String username, byte[] key, Families families) {
    boolean dontFragment() {
      return request.attribute(DontFragment.class).isPresent();
    }
  }

  /**
   * The local addresses of the relays: {@code primary} of the requested family, and for a
   * dual-stack allocation {@code additional}, IPv6, else {@code null}.
   */
  private record Families(InetAddress primary, InetAddress additional) implements FamilyChoice {}

  private record Refused(TurnError error) implements FamilyChoice {}

  private sealed interface FamilyChoice permits Families, Refused {}

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
        ? Optional.of(TurnError.ALLOCATION_MISMATCH)
        : Optional.empty();
  }

  /** §7.2 step 3: REQUESTED-TRANSPORT is required (400) and must be UDP (442). */
  private static Optional<TurnError> checkRequestedTransport(StunMessage request) {
    Optional<RequestedTransport> transport = request.attribute(RequestedTransport.class);
    if (transport.isEmpty()) {
      return Optional.of(TurnError.BAD_REQUEST);
    }
    return transport.get().protocol() == RequestedTransport.UDP
        ? Optional.empty()
        : Optional.of(TurnError.UNSUPPORTED_TRANSPORT_PROTOCOL);
  }

  /**
   * §7.2 steps 5–8: REQUESTED-ADDRESS-FAMILY (not with RESERVATION-TOKEN, 400) picks the relay's
   * family, 440 if the server has no address of it; without it the relay is IPv4 (or, on a server
   * without IPv4, the family the client reached). ADDITIONAL-ADDRESS-FAMILY asks for an IPv6 relay
   * beside the IPv4 one: only IPv6 (400), not with REQUESTED-ADDRESS-FAMILY or RESERVATION-TOKEN
   * (400), and 440 if the server has no IPv6 address.
   */
  private FamilyChoice chooseFamilies(ClientLink link, StunMessage request) {
    Optional<RequestedAddressFamily> requested = request.attribute(RequestedAddressFamily.class);
    Optional<AdditionalAddressFamily> additional = request.attribute(AdditionalAddressFamily.class);
    boolean reserved = request.attribute(ReservationToken.class).isPresent();
    if (requested.isPresent() && (reserved || additional.isPresent())
        || additional.isPresent()
            && (reserved || additional.get().family() != AddressFamily.IPV6)) {
      return new Refused(TurnError.BAD_REQUEST);
    }
    InetAddress reached = link.tuple().server().getAddress();
    Optional<InetAddress> primary =
        requested.isPresent()
            ? turn.relayAddresses().of(requested.get().family(), reached)
            : turn.relayAddresses().of(AddressFamily.IPV4, reached).or(() -> Optional.of(reached));
    if (primary.isEmpty()) {
      return new Refused(TurnError.ADDRESS_FAMILY_NOT_SUPPORTED);
    }
    if (additional.isEmpty()) {
      return new Families(primary.get(), null);
    }
    Optional<InetAddress> v6 = turn.relayAddresses().of(AddressFamily.IPV6, reached);
    if (v6.isEmpty() || AddressFamily.of(primary.get()) != AddressFamily.IPV4) {
      return new Refused(TurnError.ADDRESS_FAMILY_NOT_SUPPORTED);
    }
    return new Families(primary.get(), v6.get());
  }

  /** §7.2 step 5: RESERVATION-TOKEN names a port, EVEN-PORT asks for a new one: not both (400). */
  private static Optional<TurnError> checkReservationToken(StunMessage request) {
    return request.attribute(ReservationToken.class).isPresent()
            && request.attribute(EvenPort.class).isPresent()
        ? Optional.of(TurnError.BAD_REQUEST)
        : Optional.empty();
  }

  /**
   * §7.2 step 4: a server that cannot set the DF bit treats DONT-FRAGMENT as an unknown
   * comprehension-required attribute (420); see {@link DontFragmentSockets}.
   */
  private void refuseDontFragment(ClientLink link, StunMessage request, byte[] key) {
    turn.refuse(
        link,
        Responses.error(
            request,
            TurnError.UNKNOWN_ATTRIBUTE,
            key,
            new UnknownAttributes(List.of(new DontFragment().type()))),
        TurnError.UNKNOWN_ATTRIBUTE);
  }

  /** §7.2 step 10: quotas, per username (486) and for the whole server (508). */
  private void reserveQuota(Pending allocate) {
    TurnError refusal =
        switch (turn.allocations().reserve(allocate.username())) {
          case RESERVED -> null;
          case USER_QUOTA_REACHED -> TurnError.ALLOCATION_QUOTA_REACHED;
          case NO_CAPACITY -> TurnError.INSUFFICIENT_CAPACITY;
        };
    if (refusal != null) {
      turn.allocations().end(allocate.link().tuple());
      turn.refuse(
          allocate.link(), Responses.error(allocate.request(), refusal, allocate.key()), refusal);
      return;
    }
    chooseRelayedAddress(allocate);
  }

  /**
   * §7.2 "the server chooses a relayed transport address": the socket a RESERVATION-TOKEN holds
   * (508 if it holds none), else a free port of the range, even for EVEN-PORT, with the next one
   * held too when its R bit is set (508 if none is free).
   */
  private void chooseRelayedAddress(Pending allocate) {
    ClientLink link = allocate.link();
    Optional<ReservationToken> token = allocate.request().attribute(ReservationToken.class);
    if (token.isPresent()) {
      RelayPorts.Bound reserved = turn.allocations().take(token.get().token());
      if (reserved == null || reserved.channel().eventLoop() == link.eventLoop()) {
        primaryBound(allocate, reserved);
      } else {
        // Held on another event loop (another TCP connection): a socket cannot change loops, so
        // the port is released and bound again on this one. UDP has no TIME_WAIT to stop that.
        InetSocketAddress port = (InetSocketAddress) reserved.channel().localAddress();
        reserved
            .channel()
            .close()
            .addListener(
                closed ->
                    link.eventLoop()
                        .execute(
                            () ->
                                turn.relayPorts()
                                    .bindExactly(
                                        link.eventLoop(),
                                        port,
                                        allocate.dontFragment(),
                                        bound -> primaryBound(allocate, bound))));
      }
      return;
    }
    Optional<EvenPort> even = allocate.request().attribute(EvenPort.class);
    RelayPorts.Request wanted =
        new RelayPorts.Request(
            even.isPresent(),
            even.map(EvenPort::reserveNextPort).orElse(false),
            allocate.dontFragment());
    turn.relayPorts()
        .bind(
            link.eventLoop(),
            allocate.families().primary(),
            wanted,
            bound -> primaryBound(allocate, bound));
  }

  /**
   * The first relay is bound (or none was free: 508). For a dual-stack allocation the IPv6 one is
   * bound next; if no IPv6 port is free the allocation still succeeds with IPv4 alone and says why
   * in ADDRESS-ERROR-CODE (§7.2, §18.12).
   */
  private void primaryBound(Pending allocate, RelayPorts.Bound primary) {
    if (primary == null || allocate.families().additional() == null) {
      relaysBound(allocate, primary, null);
      return;
    }
    turn.relayPorts()
        .bind(
            allocate.link().eventLoop(),
            allocate.families().additional(),
            new RelayPorts.Request(false, false, allocate.dontFragment()),
            additional -> relaysBound(allocate, primary, additional));
  }

  private void relaysBound(
      Pending allocate, RelayPorts.Bound primary, RelayPorts.Bound additional) {
    ClientLink link = allocate.link();
    StunMessage request = allocate.request();
    turn.allocations().end(link.tuple());
    if (primary == null) {
      turn.allocations().release(allocate.username());
      turn.refuse(
          link,
          Responses.error(request, TurnError.INSUFFICIENT_CAPACITY, allocate.key()),
          TurnError.INSUFFICIENT_CAPACITY);
      return;
    }
    List<Relay> relays = new ArrayList<>();
    List<RelayPorts.Bound> sockets = new ArrayList<>(List.of(primary));
    if (additional != null) {
      sockets.add(additional);
    }
    for (RelayPorts.Bound bound : sockets) {
      InetAddress local = ((InetSocketAddress) bound.channel().localAddress()).getAddress();
      relays.add(Relay.of(bound.channel(), turn.advertise().apply(local)));
    }
    Allocation allocation =
        new Allocation(
            link.tuple(),
            allocate.username(),
            link,
            relays,
            turn.config().maxBitrate(),
            turn.clock(),
            turn.allocations(),
            turn.metrics());
    sockets.forEach(bound -> bound.handler().attach(allocation));
    Duration lifetime = grantLifetime(request);
    allocation.startExpiring(lifetime);
    allocation.allocateTransaction = request.transactionId();
    List<StunAttribute> attributes = new ArrayList<>();
    relays.forEach(relay -> attributes.add(new XorRelayedAddress(relay.advertised())));
    if (allocate.families().additional() != null && additional == null) {
      TurnError none = TurnError.INSUFFICIENT_CAPACITY;
      attributes.add(new AddressErrorCode(AddressFamily.IPV6, none.code, none.reason));
    }
    attributes.add(new Lifetime(lifetime.toSeconds()));
    if (primary.next() != null) {
      attributes.add(new ReservationToken(turn.allocations().hold(primary.next())));
    }
    attributes.add(new XorMappedAddress(link.tuple().client()));
    attributes.add(Responses.SOFTWARE);
    allocation.allocateResponse =
        Responses.success(request, allocate.key(), attributes.toArray(StunAttribute[]::new));
    turn.allocations().add(allocation);
    link.send(allocation.allocateResponse);
  }

  /** §7.2: the requested LIFETIME, at least the default, at most the configured cap. */
  private Duration grantLifetime(StunMessage request) {
    Duration max = turn.config().maxLifetime();
    Duration asked =
        request
            .attribute(Lifetime.class)
            .map(l -> Duration.ofSeconds(l.seconds()))
            .orElse(DEFAULT_LIFETIME);
    Duration atLeastDefault = asked.compareTo(DEFAULT_LIFETIME) < 0 ? DEFAULT_LIFETIME : asked;
    return atLeastDefault.compareTo(max) > 0 ? max : atLeastDefault;
  }
}
