/**
 * The selective forwarding unit, transport-agnostic: RTP and RTCP of a room's publishers in (SRTP
 * already removed), RTP and RTCP for each subscriber out through a {@link
 * dev.parley.sfu.MediaOutput} (to be protected and sent by the caller). A {@link
 * dev.parley.sfu.ForwardingUnit} per room holds {@link dev.parley.sfu.Publisher}s with their {@link
 * dev.parley.sfu.PublishedTrack}s (Opus, VP8, H.264; up to three simulcast layers, each an encoding
 * known by SSRC or rid) and {@link dev.parley.sfu.Subscriber}s with a {@link
 * dev.parley.sfu.Subscription} per track received: stable SSRC and sequence numbers across layer
 * switches, switches only at key frames (VP8 payload descriptor, H.264 IDR), PLIs upstream on
 * subscribe, switch and the subscriber's PLI/FIR (throttled per layer), NACKs answered from a
 * per-stream packet cache (RTX where negotiated) and gaps from publishers NACKed upstream, the
 * layer chosen from the subscriber's bandwidth estimate ({@link dev.parley.sfu.BandwidthEstimator},
 * REMB now) and render size with hysteresis, the dominant speaker from audio levels, and the limits
 * of {@link dev.parley.sfu.SfuLimits}. Floor 3: imports {@code rtp}, {@code metrics} and {@code
 * config}.
 *
 * <p>Threading: a room's unit, with everything it holds, runs on ONE thread, the media event loop
 * of {@code ice} that receives its transports' datagrams, and takes no lock: packets in, {@code
 * tick}, publishing, subscribing and leaving must all be called there (from elsewhere, by a task on
 * that loop). Outputs and listeners are called on it and must not block. The packet path allocates
 * nothing on the Java heap: one {@link dev.parley.rtp.RtpPacket} view for what arrives, one for
 * what leaves, and pooled buffers for the cache and for each subscriber's copy, which the output
 * takes over. RTCP, a few packets a second, is parsed into records. Bad input (malformed RTP or
 * RTCP, unknown SSRCs, duplicates, a publisher far over its bitrate cap) is dropped and counted in
 * {@link dev.parley.sfu.SfuMetrics}, and changes nothing else.
 */
package dev.parley.sfu;
