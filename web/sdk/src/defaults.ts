/**
 * Every tunable number of the SDK, in one place. Values that interact with the server's
 * settings say which one (see docs/configuration.md).
 */
export const defaults = Object.freeze({
  /** Signaling path on the Parley server, used when `connect({url})` names only a host. */
  signalingPath: '/ws',

  /** Media asked for on `connect()` when the caller does not say. */
  media: Object.freeze({ audio: true, video: true }),

  reconnect: Object.freeze({
    /** Full-jitter exponential backoff: the n-th retry waits random(0, min(max, base·2ⁿ)). */
    baseDelayMs: 250,
    maxDelayMs: 10_000,
    /**
     * Give up reconnecting after this long without signaling. Media keeps flowing peer to peer
     * meanwhile; past the server's resume window (20 s) the rejoin is a fresh join.
     */
    giveUpAfterMs: 5 * 60_000,
    /** The first `connect()` fails faster, so an app can say "server unreachable". */
    initialGiveUpAfterMs: 15_000,
  }),

  /** A join that gets no `welcome` in this long counts as a failed attempt. */
  joinTimeoutMs: 10_000,

  /**
   * Browsers cannot see WebSocket pings, so a half-open socket (laptop changed networks) would
   * go unnoticed. The SDK sends `ping` when the line has been quiet this long…
   */
  heartbeatIntervalMs: 10_000,
  /** …and declares the socket dead when nothing at all arrived for this long. */
  heartbeatTimeoutMs: 25_000,

  /**
   * Outgoing signaling is paced below the server's rate limit (100/s, burst 200 by default),
   * because a refused signal would leave a negotiation half done.
   */
  signalRatePerSecond: 50,
  signalBurst: 100,
  /** Signals waiting for the socket (while reconnecting or paced); overflow triggers ICE restarts. */
  signalQueueLimit: 1024,

  /**
   * Exactly-once delivery (docs/protocol.md): at most this many signals to one peer wait for its
   * acknowledgement; past it, signals to that peer wait in the queue above.
   */
  unackedSignalLimit: 256,
  /** Acknowledge after this many signals from a peer, or this long after the first unacknowledged. */
  ackEvery: 32,
  ackDelayMs: 200,
  /** Ask again for a resend that did not come after this long… */
  resendAgainMs: 1_000,
  /** …and give a gap up after this long: what is missing is lost, the next signal is delivered. */
  gapGiveUpMs: 5_000,

  ice: Object.freeze({
    /** `disconnected` is often transient (a lost packet burst); wait this long before restarting ICE. */
    disconnectedGraceMs: 3_000,
    /** After an ICE restart, rebuild the peer connection if it is not connected within this long. */
    restartTimeoutMs: 10_000,
    /**
     * Not connected for this long (first connection or after a drop): the room emits
     * `peer-unreachable`, so the page can say why the call does not connect.
     */
    unreachableAfterMs: 15_000,
    /** A new peer connection that is not connected within this long is rebuilt. */
    connectTimeoutMs: 20_000,
    /** The polite side rebuilds only if the impolite side has not healed the link this much later. */
    politeFallbackMs: 15_000,
    /** Consecutive rebuilds without success before the link is declared failed. */
    maxRebuilds: 3,
    /**
     * After rolling back an offer (glare), look at the receivers this long later, then every
     * interval for a window: a track muted in two looks in a row while its packets grew is
     * stuck (a Chromium bug, see peer/stuck-receivers.ts) and the connection is rebuilt.
     */
    rollbackCheckDelayMs: 2_000,
    rollbackCheckIntervalMs: 1_000,
    rollbackCheckWindowMs: 8_000,
    /**
     * After rolling back an offer, ICE must have started checking within this long. Chromium
     * 156 sometimes never gathers a candidate for the answer that follows an implicit rollback
     * made while it was gathering for the rolled-back offer; the connection would then sit in
     * ICE `new` until connectTimeoutMs rebuilt it (a call with no picture for 20 s).
     */
    rollbackIceStartMs: 4_000,
    /**
     * When both sides start a connection together, the polite side waits this long for the
     * impolite side's offer before making its own, so that calls do not begin with a
     * collision (see peer/negotiator.ts). The offer normally arrives in milliseconds.
     */
    politeOfferWaitMs: 2_000,
  }),

  /** Candidates held per peer until the remote description is set; the pattern needs no more. */
  candidateQueueLimit: 1_000,

  /** Negotiated data channels: the same id on both sides, so neither side's offer decides. */
  channels: Object.freeze({
    chat: Object.freeze({ label: 'chat', id: 0 }),
    files: Object.freeze({ label: 'files', id: 1 }),
  }),

  /** Chat messages longer than this are refused (SCTP messages over 64 KiB do not interoperate). */
  maxChatTextLength: 16_000,
  /** Chat messages waiting for a peer's channel to open. */
  chatQueueLimit: 256,

  files: Object.freeze({
    /** Payload bytes per binary frame; 16 KiB is the size every browser handles (less if the peer's maxMessageSize is smaller). */
    chunkBytes: 16 * 1024,
    /** Never let the channel buffer more than this: beyond it the browser may close the channel. */
    highWaterBytes: 1024 * 1024,
    /** `bufferedamountlow` fires at this level, and sending resumes. */
    lowWaterBytes: 256 * 1024,
    /** Progress events at most every this many bytes (and at the end). */
    progressStepBytes: 256 * 1024,
    /** SHA-256 is computed over the whole file in memory (crypto.subtle has no streaming form). */
    maxFileBytes: 1024 * 1024 * 1024,
  }),

  sfu: Object.freeze({
    /**
     * The camera's simulcast layers in an SFU room, lowest first, as the server expects them
     * (docs/media.md): a quarter, half and full resolution.
     */
    simulcast: Object.freeze([
      Object.freeze({ rid: 'q', scaleResolutionDownBy: 4 }),
      Object.freeze({ rid: 'h', scaleResolutionDownBy: 2 }),
      Object.freeze({ rid: 'f', scaleResolutionDownBy: 1 }),
    ]),
    /** At most one `render` hint per track this often (the last size wins). */
    renderIntervalMs: 250,
    /** A pairwise file connection closes this long after its last transfer ended. */
    fileLinkIdleMs: 2_000,
  }),

  /** Period of the `stats` event while someone listens to it. */
  statsIntervalMs: 1_000,
});
