package dev.parley.media;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsEndpoint;
import dev.parley.dtls.SrtpKeyingMaterial;
import dev.parley.ice.Candidate;
import dev.parley.ice.IceTransport;
import dev.parley.rtp.RtpOrRtcp;
import dev.parley.sdp.Attribute;
import dev.parley.sdp.LocalTransport;
import dev.parley.sfu.MediaOutput;
import dev.parley.srtp.SrtpContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.function.Consumer;

/**
 * One peer connection of a participant (its publish or its subscribe connection): an ICE transport,
 * the DTLS session on it, and the two SRTP contexts its keys give. What arrives is unprotected and
 * handed to the forwarding unit; what the unit sends through it ({@link MediaOutput}) is protected
 * in place and sent. Confined to the media event loop, except {@link #close}.
 */
final class MediaConnection implements MediaOutput {
  private final IceTransport ice;
  private final EventLoop loop;
  private final ByteBufAllocator allocator;
  private final MediaMetrics metrics;

  /** The unit's side: its publisher's or subscriber's {@code received}. */
  private Consumer<ByteBuf> inbound;

  private SrtpContext receiving;
  private SrtpContext sending;
  private boolean dtlsStarted;

  MediaConnection(
      IceTransport ice, EventLoop loop, ByteBufAllocator allocator, MediaMetrics metrics) {
    this.ice = ice;
    this.loop = loop;
    this.allocator = allocator;
    this.metrics = metrics;
    ice.onRtp(this::received);
  }

  IceTransport ice() {
    return ice;
  }

  /** Our side of it for the SDP: the transport's credentials, this node's certificate, the port. */
  LocalTransport local(DtlsEndpoint dtls, List<Candidate> candidates) {
    return new LocalTransport(
        ice.local().ufrag(),
        ice.local().pwd(),
        Attribute.Fingerprint.of(dtls.fingerprint().sdp()),
        candidates.stream()
            .map(
                c ->
                    Attribute.Candidate.udpHost(
                        c.foundation(),
                        c.priority(),
                        c.address().getAddress().getHostAddress().replaceFirst("%.*", ""),
                        c.address().getPort()))
            .toList());
  }

  /**
   * Serves DTLS to the browser whose SDP gave this fingerprint; the SRTP keys are taken on the
   * media loop once the handshake completes. A failed handshake closes the transport.
   */
  void startDtls(DtlsEndpoint dtls, Attribute.Fingerprint remote) {
    if (dtlsStarted) {
      return;
    }
    dtlsStarted = true;
    CertificateFingerprint fingerprint =
        CertificateFingerprint.parse(remote.hash() + " " + remote.value());
    dtls.accept(ice, fingerprint).keys().thenAcceptAsync(this::keyed, loop);
  }

  private void keyed(SrtpKeyingMaterial keys) {
    receiving = keys.receiving();
    sending = keys.sending();
  }

  /** Where unprotected packets go from now on. */
  void inbound(Consumer<ByteBuf> sink) {
    this.inbound = sink;
  }

  /** Runs on the media loop once the transport closes, whoever closed it. */
  void onClose(Runnable task) {
    ice.onClose(() -> MediaRooms.post(loop, task));
  }

  /** A datagram of RTP or RTCP from the selected address; Netty's buffer, copied to unprotect. */
  private void received(ByteBuf datagram) {
    if (receiving == null || inbound == null) {
      metrics.beforeKeys();
      return;
    }
    int length = datagram.readableBytes();
    ByteBuf copy = allocator.heapBuffer(length);
    try {
      copy.writeBytes(datagram, datagram.readerIndex(), length);
      byte[] array = copy.array();
      int offset = copy.arrayOffset() + copy.readerIndex();
      int opened =
          RtpOrRtcp.of(copy) == RtpOrRtcp.RTCP
              ? receiving.unprotectRtcp(array, offset, length)
              : receiving.unprotectRtp(array, offset, length);
      if (opened < 0) {
        metrics.refusedIn(opened);
        return;
      }
      copy.writerIndex(copy.readerIndex() + opened);
      inbound.accept(copy);
    } finally {
      copy.release();
    }
  }

  /** From the unit: protected in place (it left the trailer's room) and sent. */
  @Override
  public void send(ByteBuf packet) {
    if (sending == null) {
      packet.release();
      metrics.beforeKeys();
      return;
    }
    byte[] array = packet.array();
    int offset = packet.arrayOffset() + packet.readerIndex();
    int length = packet.readableBytes();
    int sealed =
        RtpOrRtcp.of(packet) == RtpOrRtcp.RTCP
            ? sending.protectRtcp(array, offset, length)
            : sending.protectRtp(array, offset, length);
    if (sealed < 0) {
      metrics.refusedOut(sealed);
      packet.release();
      return;
    }
    packet.writerIndex(packet.readerIndex() + sealed);
    ice.send(packet);
  }

  /** Closes the transport, and with it the DTLS session. Any thread. */
  void close() {
    ice.close();
  }
}
