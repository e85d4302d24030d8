/**
 * RTP and RTCP on the media plane, bytes only, no I/O: {@link dev.parley.rtp.RtpPacket}, a view
 * that reads and rewrites an RTP packet (RFC 3550, header extensions of RFC 8285) in place in the
 * receive buffer; {@link dev.parley.rtp.RtcpPacket}, the RTCP packets of a compound (RFC 3550,
 * 4585, 5104, REMB, transport-wide congestion control) as records with parse and write; {@link
 * dev.parley.rtp.RtpOrRtcp}, telling the two apart on a demultiplexed port (RFC 5761); 16-bit
 * sequence arithmetic ({@link dev.parley.rtp.SequenceNumbers}) and the per-subscriber rewriter that
 * keeps SSRC, sequence numbers and timestamps continuous across a source switch ({@link
 * dev.parley.rtp.StreamRewriter}). Floor 1: imports nothing of Parley's.
 *
 * <p>Threading: nothing here is shared. A view and a rewriter belong to the thread that owns the
 * transport they serve (the media event loop) and are reused packet after packet, so the RTP path
 * allocates nothing; RTCP, a few packets a second per stream, is parsed into immutable records.
 * Malformed input raises {@link dev.parley.rtp.RtpParseException} and nothing else.
 */
package dev.parley.rtp;
