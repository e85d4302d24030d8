package dev.parley.cluster;

import dev.parley.protocol.RawJson;

/** A signal routed to the node that holds its target, {@code data} still as the sender wrote it. */
public record NodeSignal(String room, String from, String to, RawJson data) {}
