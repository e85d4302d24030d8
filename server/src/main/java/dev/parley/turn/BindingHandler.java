package dev.parley.turn;

import dev.parley.stun.StunMessage;
import dev.parley.stun.XorMappedAddress;

/**
 * Binding (RFC 8489 §7.3): tells the client the address its request came from. No credentials: ICE
 * and NAT discovery send these unauthenticated. The answer is XOR-MAPPED-ADDRESS, SOFTWARE and
 * FINGERPRINT only, a few dozen bytes, so a spoofed request gains an attacker little.
 */
final class BindingHandler {
  private BindingHandler() {}

  static void handleBinding(ClientLink link, StunMessage request) {
    link.send(
        Responses.success(
            request, null, new XorMappedAddress(link.tuple().client()), Responses.SOFTWARE));
  }
}
