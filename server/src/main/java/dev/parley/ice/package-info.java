/**
 * The media plane's ICE-lite agent (RFC 8445 lite, checks in the {@code stun} codec) on one UDP
 * port: transports with their own ufrag and password, connectivity checks answered, the selected
 * address on USE-CANDIDATE, datagrams demultiplexed by first byte (RFC 7983) and by selected
 * address, consent expiry, and the limits and drop counters.
 *
 * <p>Threading: every socket of the media port is registered on ONE event loop, and everything a
 * datagram touches (the check, the selection, the address map, the {@link dev.parley.ice.MediaSink}
 * calls) runs on it, so none of it takes a lock. Creating and closing transports, and {@link
 * dev.parley.ice.IceTransport#send}, are safe from any thread: the ufrag map is concurrent, and the
 * address map is cleaned on the event loop. Sinks must not block: DTLS hands its datagrams to its
 * own executor.
 */
package dev.parley.ice;
