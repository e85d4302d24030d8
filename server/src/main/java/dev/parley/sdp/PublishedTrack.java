package dev.parley.sdp;

import java.util.List;
import java.util.Map;

/**
 * One track of a negotiated publish connection: what the forwarding unit needs to take its packets
 * in.
 *
 * @param mid the m= section's mid, as the RTP mid extension carries it
 * @param stream the msid stream id, null when the browser sent none
 * @param track the msid track id, null when the browser sent none
 * @param payloadType the codec's payload type on this connection (the offer's)
 * @param rtxPayloadType its RTX payload type, -1 when the offer had none
 * @param extensionIds the header extensions negotiated, with the offer's ids
 * @param ssrcs the media SSRCs the offer signalled (a=ssrc, in SIM group order when there is one),
 *     empty when it signalled none; with rids they are not tied to layers: the rid extension is
 * @param rtxSsrcs each media SSRC's RTX SSRC from a=ssrc-group:FID
 * @param rids the simulcast layers in the offer's order, lowest first as browsers send them; empty
 *     without simulcast
 */
public record PublishedTrack(
    String mid,
    MediaKind kind,
    String stream,
    String track,
    Codec codec,
    int payloadType,
    int rtxPayloadType,
    Map<HeaderExtension, Integer> extensionIds,
    List<Long> ssrcs,
    Map<Long, Long> rtxSsrcs,
    List<String> rids) {
  public PublishedTrack {
    extensionIds = Map.copyOf(extensionIds);
    ssrcs = List.copyOf(ssrcs);
    rtxSsrcs = Map.copyOf(rtxSsrcs);
    rids = List.copyOf(rids);
  }

  /** The codec's clock rate, for timestamps. */
  public int clockRate() {
    return codec.clockRate();
  }
}
