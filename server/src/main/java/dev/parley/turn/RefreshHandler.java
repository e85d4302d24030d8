package dev.parley.turn;

import dev.parley.stun.Lifetime;
import dev.parley.stun.RequestedAddressFamily;
import dev.parley.stun.StunMessage;
import java.time.Duration;
import java.util.Optional;

/** Refresh (RFC 8656 §8): extends an allocation's lifetime, or deletes it with LIFETIME 0. */
final class RefreshHandler {
  private final TurnContext turn;

  RefreshHandler(TurnContext turn) {
    this.turn = turn;
  }

  void handleRefresh(ClientLink link, StunMessage request, Allocation allocation, byte[] key) {
    if (checkAddressFamily(allocation, request)) {
      turn.refuse(
          link,
          Responses.error(request, TurnError.PEER_ADDRESS_FAMILY_MISMATCH, key),
          TurnError.PEER_ADDRESS_FAMILY_MISMATCH);
      return;
    }
    Duration lifetime = computeLifetime(request);
    if (lifetime.isZero()) {
      turn.allocations().remove(allocation);
    } else {
      allocation.refresh(lifetime);
    }
    link.send(Responses.success(request, key, new Lifetime(lifetime.toSeconds())));
  }

  /** §8.2 step 2: a REQUESTED-ADDRESS-FAMILY that none of the allocation's relays has gets 443. */
  private static boolean checkAddressFamily(Allocation allocation, StunMessage request) {
    Optional<RequestedAddressFamily> requested = request.attribute(RequestedAddressFamily.class);
    return requested.isPresent()
        && allocation.relays.stream()
            .noneMatch(relay -> relay.family() == requested.get().family());
  }

  /** §8.2 step 3: zero stays zero (delete); otherwise the requested or default lifetime, capped. */
  private Duration computeLifetime(StunMessage request) {
    Optional<Lifetime> asked = request.attribute(Lifetime.class);
    if (asked.isPresent() && asked.get().seconds() == 0) {
      return Duration.ZERO;
    }
    Duration wanted =
        asked.map(l -> Duration.ofSeconds(l.seconds())).orElse(AllocateHandler.DEFAULT_LIFETIME);
    Duration max = turn.config().maxLifetime();
    return wanted.compareTo(max) > 0 ? max : wanted;
  }
}
