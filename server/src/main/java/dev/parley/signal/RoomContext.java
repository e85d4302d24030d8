package dev.parley.signal;

import dev.parley.config.SignalConfig;
import dev.parley.metrics.Metrics;
import dev.parley.signal.protocol.ServerMessage.IceServer;
import java.util.List;
import java.util.function.Function;

/**
 * What every room of a node shares, handed to each room when it opens; all of it thread-safe.
 *
 * @param iceServers the STUN and TURN servers, with fresh credentials, for a peer's welcome
 * @param memberships whether the rooms are this node's alone or shared with a cluster
 */
record RoomContext(SignalConfig config, Metrics metrics, ResumeTokens tokens, PeerIds peerIds,
    Function<String, List<IceServer>> iceServers, Memberships memberships) {}
