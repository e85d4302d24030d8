/**
 * SDP for the SFU, text only, no I/O: {@link dev.parley.sdp.SdpParser} and {@link
 * dev.parley.sdp.SdpWriter} between RFC 8866 text and an immutable {@link
 * dev.parley.sdp.SessionDescription} (typed {@link dev.parley.sdp.Attribute}s, unknown ones kept);
 * the SFU's rules on its two connections per participant: {@link dev.parley.sdp.PublishAnswerer}
 * answers the browser's publish offer, {@link dev.parley.sdp.SubscribeOffers} makes the offers of
 * the subscribe connection and {@link dev.parley.sdp.SubscribeAnswer} reads their answers. Floor 1:
 * imports nothing of Parley's; ICE credentials, fingerprint and candidates come in as plain values
 * ({@link dev.parley.sdp.LocalTransport}).
 *
 * <p>Threading: everything here is immutable or static; any thread may call it.
 */
package dev.parley.sdp;
