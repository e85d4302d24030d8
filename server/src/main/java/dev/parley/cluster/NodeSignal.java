package dev.parley.cluster;

import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;

/**
 * A signal routed to the node that holds its target, {@code data} and {@code sequence} still as the
 * sender wrote them.
 */
public record NodeSignal(String room, String from, String to, RawJson data, Sequence sequence) {}
