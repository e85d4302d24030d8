package dev.parley.signal;

import dev.parley.config.SignalConfig;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.ServerMessage.IceServer;
import dev.parley.webhook.Webhooks;
import java.util.List;
import java.util.function.Function;

/**
 * What every room of a node shares, handed to each room when it opens; all of it thread-safe.
 *
 * @param iceServers the STUN and TURN servers, with fresh credentials, for a peer's welcome
 * @param memberships whether the rooms are this node's alone or shared with a cluster
 * @param webhooks told of rooms starting and finishing, peers joining and leaving
 * @param media the media of SFU rooms, {@code null} where rooms are mesh only (in a cluster)
 */
record RoomContext(
    SignalConfig config,
    Metrics metrics,
    ResumeTokens tokens,
    PeerIds peerIds,
    Function<String, List<IceServer>> iceServers,
    Memberships memberships,
    Webhooks webhooks,
    MediaPlane media) {}
