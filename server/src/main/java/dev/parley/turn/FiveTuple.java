package dev.parley.turn;

import java.net.InetSocketAddress;

/**
 * What identifies an allocation (RFC 8656 §2): the client's address, the server address it reached,
 * and the transport between them.
 */
public record FiveTuple(InetSocketAddress client, InetSocketAddress server, Protocol protocol) {
  public enum Protocol {
    UDP,
    TCP
  }
}
