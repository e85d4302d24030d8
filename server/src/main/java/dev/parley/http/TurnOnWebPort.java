package dev.parley.http;

import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/**
 * TURN served on the web listener's port beside HTTP, told apart by its first bytes ({@link
 * TurnDetector}): over TCP on a plain-HTTP port, inside TLS on an HTTPS port.
 *
 * @param handlers adds the TURN stream handlers to a connection found to speak TURN; called on its
 *     event loop
 * @param beforeTls on an HTTPS port, also take plain TURN before any TLS: the TURN server's TCP
 *     port is this port too, and left to this listener
 */
public record TurnOnWebPort(Consumer<ChannelPipeline> handlers, boolean beforeTls) {}
