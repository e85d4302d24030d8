package dev.parley.turn;

import dev.parley.stun.Bytes;
import dev.parley.stun.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One allocation (RFC 8656 §2.2): a relayed transport address and its permissions and channels.
 * Everything mutable here is touched only on the client link's event loop, which also runs the
 * relay socket, so no locks are needed.
 */
final class Allocation {
  /** RFC 8656 §9: a permission lives 300 seconds unless refreshed. */
  static final Duration PERMISSION_LIFETIME = Duration.ofSeconds(300);

  /** RFC 8656 §11: a channel binding lives 10 minutes unless refreshed. */
  static final Duration CHANNEL_LIFETIME = Duration.ofSeconds(600);

  final FiveTuple tuple;
  final String username;
  final ClientLink client;

  /** One relayed address, or one per family for a dual-stack allocation (RFC 8656 §7.2). */
  final List<Relay> relays;

  private final Clock clock;
  private final Allocations owner;
  private final TurnMetrics metrics;
  private final TokenBucket toPeerCap;
  private final TokenBucket toClientCap;
  private long expiresAtMillis;

  /** Keyed by IP address alone: permissions ignore the port (RFC 8656 §9). */
  private final Map<InetAddress, Long> permissions = new HashMap<>();

  private final Map<Integer, Binding> channels = new HashMap<>();
  private final Map<InetSocketAddress, Integer> channelOfPeer = new HashMap<>();
  private ScheduledFuture<?> sweeper;

  /**
   * The Allocate that made this allocation and our answer, to answer a retransmission alike (§7.2).
   */
  TransactionId allocateTransaction;

  byte[] allocateResponse;

  private record Binding(InetSocketAddress peer, long expiresAtMillis) {}

  /**
   * @param maxBitrate the cap on each direction in bits per second, 0 for none
   */
  Allocation(
      FiveTuple tuple,
      String username,
      ClientLink client,
      List<Relay> relays,
      int maxBitrate,
      Clock clock,
      Allocations owner,
      TurnMetrics metrics) {
    this.tuple = tuple;
    this.username = username;
    this.client = client;
    this.relays = List.copyOf(relays);
    this.clock = clock;
    this.owner = owner;
    this.metrics = metrics;
    this.toPeerCap = new TokenBucket(maxBitrate, System::nanoTime);
    this.toClientCap = new TokenBucket(maxBitrate, System::nanoTime);
  }

  /** The relay that reaches peers of this address's family, or {@code null} if none does (443). */
  Relay relayFor(InetSocketAddress peer) {
    for (Relay relay : relays) {
      if (relay.sameFamily(peer)) {
        return relay;
      }
    }
    return null;
  }

  void startExpiring(Duration lifetime) {
    refresh(lifetime);
    sweeper = client.eventLoop().scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  void refresh(Duration lifetime) {
    expiresAtMillis = clock.millis() + lifetime.toMillis();
  }

  /** Installs or refreshes a permission for the peer's IP address (RFC 8656 §9.2). */
  void permit(InetAddress peer) {
    if (permissions.put(peer, clock.millis() + PERMISSION_LIFETIME.toMillis()) == null) {
      owner.permissionsChanged(1);
    }
  }

  boolean permits(InetAddress peer) {
    Long expiry = permissions.get(peer);
    return expiry != null && expiry > clock.millis();
  }

  /** The peer a channel is bound to, or {@code null}. */
  InetSocketAddress peerOf(int channel) {
    Binding binding = channels.get(channel);
    return binding == null || binding.expiresAtMillis <= clock.millis() ? null : binding.peer;
  }

  /** The channel bound to a peer, or {@code null}. */
  Integer channelOf(InetSocketAddress peer) {
    return channelOfPeer.get(peer);
  }

  /** Binds or refreshes a channel; the caller has checked the §11.2 rules. */
  void bind(int channel, InetSocketAddress peer) {
    if (channels.put(channel, new Binding(peer, clock.millis() + CHANNEL_LIFETIME.toMillis()))
        == null) {
      owner.channelsChanged(1);
    }
    channelOfPeer.put(peer, channel);
  }

  /**
   * Sends application data from the client to a peer through the relay of its family, unless that
   * is over the bandwidth cap. A peer that is another of our relayed addresses is sent to where
   * that socket really is: behind a NAT its advertised address may not loop back. The data is a
   * view over the client's datagram, so it is copied once, into a buffer from the relay socket's
   * allocator (direct: the socket writes it without another copy).
   */
  void toPeer(InetSocketAddress peer, Bytes data) {
    Relay relay = relayFor(peer);
    if (relay == null) {
      return; // the handlers checked the family; a dual-stack allocation may have lost one since
    }
    int length = data.length();
    if (!toPeerCap.take(length)) {
      metrics.throttledToPeer();
      return;
    }
    metrics.toPeer(length);
    ByteBuf datagram = relay.channel().alloc().ioBuffer(length).writeBytes(data.asByteBuffer());
    relay.channel().writeAndFlush(new DatagramPacket(datagram, owner.internalAddressOf(peer)));
  }

  /**
   * A datagram from a peer arrived at a relayed address (RFC 8656 §11.3 for Data indications, §12.6
   * for ChannelData): relayed only if the peer has a permission and the allocation is under its
   * bandwidth cap. A sender that is one of our own relay sockets is named by its advertised
   * address, the one the client knows and gave a permission to.
   */
  void fromPeer(InetSocketAddress sender, ByteBuf data) {
    InetSocketAddress peer = owner.advertisedAddressOf(sender);
    if (!permits(peer.getAddress())) {
      return;
    }
    int length = data.readableBytes();
    if (!toClientCap.take(length)) {
      metrics.throttledToClient();
      return;
    }
    metrics.toClient(length);
    Integer channel = channelOfPeer.get(peer);
    if (channel != null && peerOf(channel) != null) {
      client.sendChannelData(channel, data);
    } else {
      client.sendDataIndication(peer, data);
    }
  }

  /** Drops what has expired, and the allocation itself when its lifetime is over (§7, §9, §11). */
  private void sweep() {
    long now = clock.millis();
    if (expiresAtMillis <= now) {
      owner.remove(this);
      return;
    }
    int before = permissions.size();
    permissions.values().removeIf(expiry -> expiry <= now);
    owner.permissionsChanged(permissions.size() - before);
    before = channels.size();
    channels
        .entrySet()
        .removeIf(
            e -> {
              boolean expired = e.getValue().expiresAtMillis <= now;
              if (expired) {
                channelOfPeer.remove(e.getValue().peer, e.getKey());
              }
              return expired;
            });
    owner.channelsChanged(channels.size() - before);
  }

  /** Frees the relay sockets; called once, by {@link Allocations#remove}. */
  void close() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    owner.permissionsChanged(-permissions.size());
    owner.channelsChanged(-channels.size());
    permissions.clear();
    channels.clear();
    channelOfPeer.clear();
    relays.forEach(relay -> relay.channel().close());
  }
}
