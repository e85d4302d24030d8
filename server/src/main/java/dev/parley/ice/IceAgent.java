package dev.parley.ice;

import dev.parley.config.MediaConfig;
import dev.parley.metrics.Metrics;
import dev.parley.net.Listeners;
import dev.parley.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE-lite agent (RFC 8445 §2.5) of the media port: one UDP socket per bind address, all on one
 * event loop, shared by every transport of this node. It answers connectivity checks, demultiplexes
 * the rest by class (RFC 7983) and by the remote address each transport selected, and closes
 * transports whose consent expired (RFC 7675).
 */
public final class IceAgent {
  private static final Logger log = LoggerFactory.getLogger(IceAgent.class);

  /** As the TURN listener's: a burst while the event loop is busy must not overflow the socket. */
  private static final int UDP_BUFFER_BYTES = 1024 * 1024;

  private final MediaConfig config;
  private final Transport transport;
  private final EventLoop loop;
  private final IceMetrics metrics;
  private final Map<String, IceTransport> byUfrag = new ConcurrentHashMap<>();

  /** Selected address to transport; written on the event loop only. */
  private final Map<InetSocketAddress, IceTransport> byAddress = new ConcurrentHashMap<>();

  private final AtomicInteger open = new AtomicInteger();
  private final List<Channel> channels = new ArrayList<>();
  private final List<InetSocketAddress> bound = new ArrayList<>();
  private ScheduledFuture<?> consentSweep;

  /**
   * @param group the event loop of the media port is taken from it, one for every socket
   */
  public IceAgent(MediaConfig config, Transport transport, EventLoopGroup group, Metrics metrics) {
    this.config = config;
    this.transport = transport;
    this.loop = group.next();
    this.metrics = new IceMetrics(metrics, open::get);
  }

  /** Binds the media port on every address of the hosts; throws naming the address that failed. */
  public void bind(List<String> hosts) {
    MediaPortHandler handler = new MediaPortHandler(this);
    bound.addAll(
        Listeners.bindAll(
            "media",
            hosts,
            config.port(),
            (address, port) -> {
              Channel channel =
                  new Bootstrap()
                      .group(loop)
                      .channel(transport.datagramChannel())
                      .option(ChannelOption.SO_RCVBUF, UDP_BUFFER_BYTES)
                      .option(ChannelOption.SO_SNDBUF, UDP_BUFFER_BYTES)
                      .handler(handler)
                      .bind(address, port)
                      .sync()
                      .channel();
              channels.add(channel);
              return (InetSocketAddress) channel.localAddress();
            }));
    long sweepMillis = Math.max(50, config.consentTimeout().toMillis() / 4);
    consentSweep =
        loop.scheduleAtFixedRate(
            this::expireConsent, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    log.info("media (ICE-lite, DTLS-SRTP) listening on UDP {}", bound);
  }

  /**
   * A new transport for a peer whose SDP gave {@code remoteUfrag}, with fresh local credentials.
   * Any thread.
   *
   * @throws TransportLimitException when media-max-transports are open
   */
  public IceTransport newTransport(String remoteUfrag) {
    if (!IceCredentials.isUfrag(remoteUfrag)) {
      throw new IllegalArgumentException("not an ICE ufrag: " + remoteUfrag);
    }
    return created(remoteUfrag);
  }

  /**
   * A new transport for a connection this node offers: the peer's ufrag comes with its answer
   * ({@link IceTransport#answered}); until then no check passes. Any thread.
   *
   * @throws TransportLimitException when media-max-transports are open
   */
  public IceTransport newOfferingTransport() {
    return created(null);
  }

  private IceTransport created(String remoteUfrag) {
    if (open.incrementAndGet() > config.maxTransports()) {
      open.decrementAndGet();
      metrics.transportRefused();
      throw new TransportLimitException(config.maxTransports());
    }
    while (true) {
      IceCredentials local = IceCredentials.random();
      IceTransport created = new IceTransport(local, remoteUfrag, this, System.nanoTime());
      if (byUfrag.putIfAbsent(local.ufrag(), created) == null) {
        return created;
      }
    }
  }

  /** The host candidates of the bound addresses. */
  public List<Candidate> candidates() {
    return Candidate.hosts(bound);
  }

  public List<InetSocketAddress> boundAddresses() {
    return Collections.unmodifiableList(bound);
  }

  public int port() {
    return bound.getFirst().getPort();
  }

  /**
   * The one event loop every socket of the media port is on: whatever its transports' datagrams
   * reach (the forwarding unit) runs here.
   */
  public EventLoop eventLoop() {
    return loop;
  }

  public int transports() {
    return open.get();
  }

  /** Datagrams dropped for this reason since start. */
  public long dropped(Drop reason) {
    return metrics.droppedCount(reason);
  }

  /** Checks answered with this error code (400, 401, 487) since start. */
  public long refused(int code) {
    return metrics.refusedCount(code);
  }

  /** Closes every socket and transport. */
  public void stop() {
    if (consentSweep != null) {
      consentSweep.cancel(false);
    }
    channels.forEach(Channel::close);
    List.copyOf(byUfrag.values()).forEach(this::remove);
  }

  /** One datagram from the media port; on the event loop. */
  void received(Channel channel, InetSocketAddress sender, ByteBuf content) {
    if (!content.isReadable()) {
      metrics.dropped(Drop.UNKNOWN_CLASS);
      return;
    }
    PacketClass kind = PacketClass.of(content.getByte(content.readerIndex()));
    switch (kind) {
      case STUN -> answer(channel, sender, content);
      case DTLS, RTP -> deliver(kind, sender, content);
      case OTHER -> metrics.dropped(Drop.UNKNOWN_CLASS);
    }
  }

  private void answer(Channel channel, InetSocketAddress sender, ByteBuf content) {
    switch (ConnectivityChecks.check(content.nioBuffer(), sender, byUfrag::get)) {
      case ConnectivityChecks.Outcome.Dropped dropped -> metrics.dropped(dropped.reason());
      case ConnectivityChecks.Outcome.Refused refused -> {
        metrics.refused(refused.code());
        reply(channel, sender, refused.response());
      }
      case ConnectivityChecks.Outcome.Answered answered -> {
        IceTransport checked = answered.transport();
        checked.checked(System.nanoTime());
        if (answered.nominated()) {
          select(checked, new IceTransport.Path(channel, sender));
        }
        metrics.checked();
        reply(channel, sender, answered.response());
      }
    }
  }

  private static void reply(Channel channel, InetSocketAddress to, byte[] response) {
    channel.writeAndFlush(
        new DatagramPacket(Unpooled.wrappedBuffer(response), to), channel.voidPromise());
  }

  private void select(IceTransport transport, IceTransport.Path path) {
    IceTransport.Path old = transport.selectedPath();
    if (old != null && old.remote().equals(path.remote()) && old.channel() == path.channel()) {
      return;
    }
    if (old != null) {
      byAddress.remove(old.remote(), transport);
    }
    transport.select(path);
    IceTransport previous = byAddress.put(path.remote(), transport);
    if (previous != null && previous != transport) {
      // The address moved to another transport (the peer restarted ICE on the same socket).
      previous.select(null);
    }
  }

  private void deliver(PacketClass kind, InetSocketAddress sender, ByteBuf content) {
    IceTransport transport = byAddress.get(sender);
    if (transport == null) {
      metrics.dropped(Drop.UNSELECTED_ADDRESS);
      return;
    }
    MediaSink sink = transport.sink(kind);
    if (sink == null) {
      metrics.dropped(Drop.NO_SINK);
      return;
    }
    sink.received(content);
  }

  private void expireConsent() {
    long now = System.nanoTime();
    long timeout = config.consentTimeout().toNanos();
    for (IceTransport transport : byUfrag.values()) {
      if (now - transport.lastCheckNanos() > timeout) {
        metrics.consentExpired();
        remove(transport);
      }
    }
  }

  /**
   * Forgets a transport and tells its listeners; any thread (the address map is cleaned on the
   * loop).
   */
  void remove(IceTransport transport) {
    if (!byUfrag.remove(transport.local().ufrag(), transport)) {
      return;
    }
    open.decrementAndGet();
    if (!loop.isShuttingDown()) {
      loop.execute(
          () -> {
            IceTransport.Path path = transport.selectedPath();
            if (path != null) {
              byAddress.remove(path.remote(), transport);
            }
          });
    }
    transport.closed();
  }
}
