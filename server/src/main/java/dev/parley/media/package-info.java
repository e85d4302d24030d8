/**
 * The media sessions of SFU rooms: the glue between the signaling rooms ({@code signal}, through
 * its {@link dev.parley.signal.MediaPlane}), the transport ({@code ice}, {@code dtls}, {@code
 * srtp}), the SDP ({@code sdp}) and the forwarding unit ({@code sfu}). Per participant of an SFU
 * room a publish and a subscribe connection, each an ICE transport with its DTLS session and SRTP
 * contexts; SRTP in, unprotected, to the room's unit; the unit's packets protected and sent.
 *
 * <p>Threading: everything of a room's media runs on the media port's one event loop ({@link
 * dev.parley.ice.IceAgent#eventLoop}), the thread that receives its datagrams and runs its unit:
 * the room's calls from its signaling executor arrive as tasks there, DTLS keys from the DTLS
 * executor likewise, and messages for participants go back through the room's listener, which posts
 * them to the room's executor. No lock is taken.
 */
package dev.parley.media;
