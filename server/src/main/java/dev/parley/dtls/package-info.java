/**
 * DTLS 1.2 with use_srtp (RFC 5764) over an ICE transport's selected path, on BouncyCastle's bctls:
 * this node's ECDSA P-256 identity and its SDP fingerprint, the peer's certificate checked against
 * the fingerprint its SDP gave, and the SRTP keying material exported. The SFU is the DTLS server
 * (see {@link dev.parley.dtls.DtlsEndpoint} for why).
 *
 * <p>Threading: datagrams arrive on the media event loop ({@code ice}), are checked for DTLS record
 * framing there and copied into a session's small queue; BC's handshake, which blocks, runs on the
 * endpoint's bounded executor ({@code parley-dtls} threads), one task per handshake, bounded by the
 * handshake timeout. After the handshake a session reads only in short tasks on the same executor.
 * Sessions complete their {@code keys()} future from those threads.
 */
package dev.parley.dtls;
