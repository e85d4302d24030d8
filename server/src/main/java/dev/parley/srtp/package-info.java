/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for AES_CM_128_HMAC_SHA1_80 and AEAD_AES_128_GCM: session
 * keys from a master key and salt (KDR 0), packets protected and checked in place in the caller's
 * buffer, rollover counter estimation and a 64-packet replay window per SSRC, failures as {@link
 * dev.parley.srtp.Rejection} codes. Floor 1: imports nothing of Parley's.
 *
 * <p>Threading: an {@link dev.parley.srtp.SrtpContext} holds reusable Cipher/Mac instances and
 * per-SSRC state without locks, so it is used by one thread (the one that owns its transport); make
 * one context per direction. Allocation: AES-CM/HMAC packets allocate nothing once the keystream
 * buffer has grown to the largest packet; GCM allocates per packet because the JDK takes a GCM IV
 * only through {@code Cipher.init} with a new {@code GCMParameterSpec}, and its decrypt reports a
 * bad tag by throwing {@code AEADBadTagException}, which the context turns into a code.
 */
package dev.parley.srtp;
