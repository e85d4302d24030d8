package dev.parley.turn;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every allocation on this node, keyed by its 5-tuple (RFC 8656 §5), with the quotas. The maps are
 * concurrent because UDP listeners and TCP connections run on different event loops; each
 * allocation's own state stays on its loop.
 */
final class Allocations {
  static final int RESERVATION_SECONDS = 30;

  enum Reservation {
    RESERVED,
    USER_QUOTA_REACHED,
    NO_CAPACITY
  }

  private final int maxPerUser;
  private final int maxTotal;
  private final Map<FiveTuple, Allocation> byTuple = new ConcurrentHashMap<>();

  /** 5-tuples whose Allocate is binding its relay socket: their retransmissions are ignored. */
  private final Set<FiveTuple> pending = ConcurrentHashMap.newKeySet();

  /** By the relayed addresses clients are told, and by where those sockets are from this host. */
  private final Map<InetSocketAddress, Allocation> byRelayedAddress = new ConcurrentHashMap<>();

  private final Map<InetSocketAddress, Allocation> byInternalAddress = new ConcurrentHashMap<>();
  private final Map<String, Integer> perUser = new ConcurrentHashMap<>();
  private final AtomicInteger reserved = new AtomicInteger();
  private final AtomicInteger permissions = new AtomicInteger();
  private final AtomicInteger channels = new AtomicInteger();

  /** Ports held for an EVEN-PORT R-bit request, by RESERVATION-TOKEN (RFC 8656 §7.2). */
  private final Map<Long, RelayPorts.Bound> reservations = new ConcurrentHashMap<>();

  Allocations(int maxPerUser, int maxTotal) {
    this.maxPerUser = maxPerUser;
    this.maxTotal = maxTotal;
  }

  Allocation get(FiveTuple tuple) {
    return byTuple.get(tuple);
  }

  /** Marks the 5-tuple as being allocated; false if it already is. */
  boolean begin(FiveTuple tuple) {
    return pending.add(tuple);
  }

  void end(FiveTuple tuple) {
    pending.remove(tuple);
  }

  /** Counts an allocation against the quotas before its socket is bound (RFC 8656 §7.2 step 10). */
  Reservation reserve(String username) {
    if (reserved.incrementAndGet() > maxTotal) {
      reserved.decrementAndGet();
      return Reservation.NO_CAPACITY;
    }
    boolean[] granted = {false};
    perUser.compute(
        username,
        (user, count) -> {
          int current = count == null ? 0 : count;
          granted[0] = current < maxPerUser;
          return granted[0] ? current + 1 : current;
        });
    if (!granted[0]) {
      reserved.decrementAndGet();
      return Reservation.USER_QUOTA_REACHED;
    }
    return Reservation.RESERVED;
  }

  void release(String username) {
    reserved.decrementAndGet();
    perUser.computeIfPresent(username, (user, count) -> count <= 1 ? null : count - 1);
  }

  /** Holds a reserved socket for about 30 seconds (RFC 8656 §7.2) and returns its token. */
  long hold(RelayPorts.Bound reserved) {
    long token;
    do {
      token = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    } while (token == 0 || reservations.putIfAbsent(token, reserved) != null);
    long held = token;
    reserved
        .channel()
        .eventLoop()
        .schedule(
            () -> {
              if (reservations.remove(held, reserved)) {
                reserved.channel().close();
              }
            },
            RESERVATION_SECONDS,
            java.util.concurrent.TimeUnit.SECONDS);
    return token;
  }

  /**
   * The socket a RESERVATION-TOKEN holds, now taken, or {@code null} if the token is unknown or
   * expired.
   */
  RelayPorts.Bound take(long token) {
    return reservations.remove(token);
  }

  void add(Allocation allocation) {
    byTuple.put(allocation.tuple, allocation);
    for (Relay relay : allocation.relays) {
      byRelayedAddress.put(relay.advertised(), allocation);
      byInternalAddress.put(relay.internal(), allocation);
    }
  }

  /** Deletes an allocation and frees its quota; idempotent. */
  void remove(Allocation allocation) {
    if (byTuple.remove(allocation.tuple, allocation)) {
      for (Relay relay : allocation.relays) {
        byRelayedAddress.remove(relay.advertised(), allocation);
        byInternalAddress.remove(relay.internal(), allocation);
      }
      release(allocation.username);
      allocation.close();
    }
  }

  /** Deletes whatever allocation a 5-tuple has, as when its TCP connection closes (RFC 8656 §5). */
  void remove(FiveTuple tuple) {
    Allocation allocation = byTuple.get(tuple);
    if (allocation != null) {
      remove(allocation);
    }
  }

  /** Whether this address is a relayed address of this server, which clients may always reach. */
  boolean isRelayedAddress(InetSocketAddress address) {
    return byRelayedAddress.containsKey(address);
  }

  /**
   * Where to send to a peer address: for one of our relayed addresses, where its socket is from
   * this host (hairpin: {@code turn-external-ip} may not loop back through the NAT), else itself.
   */
  InetSocketAddress internalAddressOf(InetSocketAddress peer) {
    Relay relay = relayAt(byRelayedAddress.get(peer), peer, true);
    return relay == null ? peer : relay.internal();
  }

  /** The reverse: a datagram from one of our relay sockets comes from its advertised address. */
  InetSocketAddress advertisedAddressOf(InetSocketAddress sender) {
    Relay relay = relayAt(byInternalAddress.get(sender), sender, false);
    return relay == null ? sender : relay.advertised();
  }

  private static Relay relayAt(
      Allocation allocation, InetSocketAddress address, boolean advertised) {
    if (allocation == null) {
      return null;
    }
    for (Relay relay : allocation.relays) {
      if ((advertised ? relay.advertised() : relay.internal()).equals(address)) {
        return relay;
      }
    }
    return null;
  }

  void removeAll() {
    reservations.values().forEach(b -> b.channel().close());
    reservations.clear();
    byTuple.values().forEach(a -> a.client.eventLoop().execute(() -> remove(a)));
  }

  int count() {
    return byTuple.size();
  }

  void permissionsChanged(int delta) {
    permissions.addAndGet(delta);
  }

  void channelsChanged(int delta) {
    channels.addAndGet(delta);
  }

  int permissions() {
    return permissions.get();
  }

  int channels() {
    return channels.get();
  }
}
