package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.RtcpPacket;
import dev.parley.rtp.RtpOrRtcp;
import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpParseException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport's output as a test sees it: copies of what the unit sent, parsed back with the rtp
 * package's own parsers; each buffer is checked for the trailer room and released, as the glue
 * would after sending it.
 */
final class RecordingOutput implements MediaOutput {
  /** One RTP packet as it went out. */
  record Sent(
      int ssrc,
      int sequence,
      long timestamp,
      int payloadType,
      boolean marker,
      byte[] payload,
      int transportSequence) {}

  private final List<byte[]> datagrams = new ArrayList<>();

  @Override
  public void send(ByteBuf packet) {
    assertThat(packet.hasArray()).as("heap, for SRTP in place").isTrue();
    assertThat(packet.writableBytes()).isGreaterThanOrEqualTo(TRAILER_ROOM);
    datagrams.add(Packets.bytes(packet));
    packet.release();
  }

  /** The RTP packets sent since the last call, and forgets them; RTCP stays. */
  List<Sent> takeRtp() {
    List<Sent> sent = new ArrayList<>();
    List<byte[]> rest = new ArrayList<>();
    for (byte[] datagram : datagrams) {
      ByteBuf buffer = Unpooled.wrappedBuffer(datagram);
      if (RtpOrRtcp.of(buffer) == RtpOrRtcp.RTCP) {
        rest.add(datagram);
        continue;
      }
      try {
        RtpPacket packet = new RtpPacket().wrap(buffer);
        byte[] payload = new byte[packet.payloadLength()];
        buffer.getBytes(packet.payloadOffset(), payload);
        sent.add(
            new Sent(
                packet.ssrc(),
                packet.sequenceNumber(),
                packet.timestamp(),
                packet.payloadType(),
                packet.marker(),
                payload,
                packet.transportSequence(Packets.TRANSPORT_CC_ID)));
      } catch (RtpParseException e) {
        throw new AssertionError("the unit sent malformed RTP", e);
      }
    }
    datagrams.clear();
    datagrams.addAll(rest);
    return sent;
  }

  /** The RTCP packets sent since the last call, and forgets them; RTP stays. */
  List<RtcpPacket> takeRtcp() {
    List<RtcpPacket> sent = new ArrayList<>();
    List<byte[]> rest = new ArrayList<>();
    for (byte[] datagram : datagrams) {
      ByteBuf buffer = Unpooled.wrappedBuffer(datagram);
      if (RtpOrRtcp.of(buffer) != RtpOrRtcp.RTCP) {
        rest.add(datagram);
        continue;
      }
      try {
        sent.addAll(RtcpPacket.parseCompound(buffer));
      } catch (RtpParseException e) {
        throw new AssertionError("the unit sent malformed RTCP", e);
      }
    }
    datagrams.clear();
    datagrams.addAll(rest);
    return sent;
  }

  /** The RTCP packets of one type sent since the last call. */
  <T extends RtcpPacket> List<T> takeRtcp(Class<T> type) {
    return takeRtcp().stream().filter(type::isInstance).map(type::cast).toList();
  }
}
