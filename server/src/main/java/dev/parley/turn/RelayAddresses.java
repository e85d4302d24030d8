package dev.parley.turn;

import dev.parley.stun.AddressFamily;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local addresses relay sockets are bound on, one family or the other (RFC 8656 §7.2): the
 * listener address the client reached when it has the family asked for, else the first listener
 * address of that family. A server listening on IPv4 alone has no IPv6 relays, and so on.
 * Thread-safe: listeners are added while the first ones already serve.
 */
final class RelayAddresses {
  private final List<InetAddress> listeners = new CopyOnWriteArrayList<>();

  void listening(InetSocketAddress udpListener) {
    listeners.add(udpListener.getAddress());
  }

  Optional<InetAddress> of(AddressFamily family, InetAddress reached) {
    if (AddressFamily.of(reached) == family) {
      return Optional.of(reached);
    }
    return listeners.stream().filter(a -> AddressFamily.of(a) == family).findFirst();
  }
}
