/**
 * SRTP and SRTCP (RFC 3711, RFC 7714): session keys from a master key and salt, packets protected
 * and checked in place. Floor 1: imports nothing of Parley's. Threading: a session object holds
 * reusable Cipher/Mac instances and is used by one thread (the one that owns its transport).
 */
package dev.parley.srtp;
