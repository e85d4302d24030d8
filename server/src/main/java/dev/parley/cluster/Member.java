package dev.parley.cluster;

/** A peer of a room as the cluster knows it: who it is and which node holds its socket. */
public record Member(String peerId, String name, String node) {}
