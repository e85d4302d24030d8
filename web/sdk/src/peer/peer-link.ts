import { ChatEndpoint, type ChatFrame } from '../chat/endpoint.js';
import type { MediaState } from '../chat/envelope.js';
import { defaults } from '../defaults.js';
import { Emitter } from '../emitter.js';
import { ParleyError, toParleyError } from '../errors.js';
import { assertNever } from '../util/assert-never.js';
import { FileEndpoint } from '../files/endpoint.js';
import type { Transfer } from '../files/transfer.js';
import type { LocalTracks } from '../media/local-media.js';
import { computeStats, type PeerStats, type StatsSample } from '../stats/stats.js';
import type { JsonObject } from '../util/json.js';
import { IceWatchdog, type IceAction } from './ice-watchdog.js';
import { ReachabilityWatch, type UnreachableCause } from './reachability.js';
import { Negotiator } from './negotiator.js';
import { Senders } from './senders.js';
import { watchAfterRollback } from './rollback-watch.js';
import { decodePeerSignal, encodePeerSignal, type PeerSignal, type StreamSource } from './signal-data.js';

/** How the connection to one remote peer is doing. */
export type PeerState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export type TrackSource = 'microphone' | 'camera' | 'screen';

export interface RemoteTrack {
  readonly track: MediaStreamTrack;
  readonly stream: MediaStream;
  readonly source: TrackSource;
}

export type { ChatFrame };

export interface PeerLinkEvents {
  /** Signal data to send to this peer through the server. */
  signal: JsonObject;
  state: PeerState;
  track: RemoteTrack;
  'track-removed': RemoteTrack;
  chat: ChatFrame;
  media: MediaState;
  transfer: Transfer;
  /** The watchdog wants a new connection; the room decides (see Room). */
  'rebuild-needed': null;
  /** Not connected for `defaults.ice.unreachableAfterMs`, and the likely cause. */
  unreachable: UnreachableCause;
  /** Connected after an `unreachable`. */
  reachable: null;
  error: ParleyError;
}

export interface PeerLinkOptions {
  readonly remoteId: string;
  readonly polite: boolean;
  /** Read at every (re)build, so fresh TURN credentials from a later welcome are used. */
  readonly configuration: () => RTCConfiguration;
  readonly createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
  /** False for a connection that carries data channels only (file transfers in an SFU room). */
  readonly media?: boolean;
}

/**
 * Everything between this browser and one remote peer: an RTCPeerConnection negotiated the
 * perfect way, the "chat" and "files" data channels (negotiated, ids 0 and 1, so neither
 * side's offer decides who creates them), remote tracks, and recovery (ICE restart, then a
 * rebuild from scratch under a new epoch).
 *
 * Contract: single-threaded. Handlers of a replaced connection check `pc === this.pc` first.
 */
export class PeerLink extends Emitter<PeerLinkEvents> {
  private pc!: RTCPeerConnection;
  private negotiator!: Negotiator;
  private senders!: Senders;
  private files: FileEndpoint | null = null;
  private epoch = 0;
  private state: PeerState = 'connecting';
  private everConnected = false;
  private closed = false;
  private local: LocalTracks;
  private mediaState: MediaState;
  private sync: Promise<void> = Promise.resolve();
  private lastSample: StatsSample | null = null;
  private readonly watchdog: IceWatchdog;
  private readonly reachability: ReachabilityWatch;
  private readonly remoteSources = new Map<string, StreamSource>();
  private readonly remoteTracks = new Map<string, RemoteTrack>();
  private readonly watchedStreams = new WeakSet<MediaStream>();
  private readonly chat: ChatEndpoint;

  constructor(
    private readonly options: PeerLinkOptions,
    local: LocalTracks,
    mediaState: MediaState,
  ) {
    super();
    this.local = local;
    this.mediaState = mediaState;
    this.watchdog = new IceWatchdog(options.polite, (action) => this.onWatchdog(action));
    this.reachability = new ReachabilityWatch(
      defaults.ice.unreachableAfterMs,
      (cause) => this.emit('unreachable', cause),
      () => this.emit('reachable', null),
    );
    this.chat = new ChatEndpoint(
      options.remoteId,
      {
        onChat: (frame) => this.emit('chat', frame),
        onMedia: (state) => this.emit('media', state),
        onProblem: (error) => this.emit('error', error),
        mediaState: () => this.mediaState,
      },
      defaults.chatQueueLimit,
    );
  }

  get peerId(): string {
    return this.options.remoteId;
  }

  get connectionState(): PeerState {
    return this.state;
  }

  /**
   * Creates the first peer connection. Call after listeners are attached. `peerOffersFirst`
   * false when only this side starts it (a file link in an SFU room): no wait for the peer's offer.
   */
  open(peerOffersFirst = true): void {
    this.createConnection(peerOffersFirst);
  }

  /** Signal data from this peer. */
  receive(data: JsonObject): void {
    if (this.closed) return;
    const signal = decodePeerSignal(data);
    if ('problem' in signal) {
      this.emit(
        'error',
        new ParleyError('protocol', `bad signal from ${this.peerId}: ${signal.problem}`, { peerId: this.peerId }),
      );
      return;
    }
    if (signal.epoch < this.epoch) {
      return; // meant for a connection already replaced
    }
    if (signal.epoch > this.epoch) {
      this.replaceConnection(signal.epoch, true); // the peer rebuilt: follow it
    }
    if (signal.kind === 'description') {
      for (const [id, source] of Object.entries(signal.streams)) this.remoteSources.set(id, source);
      void this.negotiator.receiveDescription(signal.description);
    } else {
      void this.negotiator.receiveCandidate(signal.candidate);
    }
  }

  setLocalTracks(local: LocalTracks): void {
    this.local = local;
    this.syncTracks();
  }

  setMediaState(state: MediaState): void {
    this.mediaState = state;
    this.chat.sendMedia(state);
  }

  sendChat(frame: ChatFrame): void {
    this.chat.sendChat(frame);
  }

  sendFile(file: Blob, name: string): Transfer | null {
    return this.files?.send(file, name) ?? null;
  }

  /** A new connection under a new epoch; the peer follows when it sees the epoch. */
  rebuild(): void {
    // The peer learns of the new epoch from our signals, so we must offer at once.
    if (!this.closed) this.replaceConnection(this.epoch + 1, false);
  }

  /** A new ICE configuration (fresh TURN credentials) for the live connection. */
  updateConfiguration(): void {
    try {
      this.pc.setConfiguration(this.options.configuration());
    } catch {
      // Some changes need a new connection; the next rebuild picks the configuration up.
    }
  }

  async getStats(): Promise<PeerStats | null> {
    if (this.closed) return null;
    const pc = this.pc;
    const report = await pc.getStats();
    if (pc !== this.pc) return null;
    const { stats, sample } = computeStats(report, this.lastSample);
    this.lastSample = sample;
    return stats;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watchdog.stop();
    this.reachability.stop();
    this.teardown();
    this.setState('closed');
  }

  /** @param peerOffersFirst both sides start this connection together: the polite one lets the other offer */
  private createConnection(peerOffersFirst: boolean): void {
    const create = this.options.createPeerConnection ?? ((c: RTCConfiguration) => new RTCPeerConnection(c));
    const pc = create(this.options.configuration());
    this.pc = pc;
    const epoch = this.epoch;
    const current = (): boolean => this.pc === pc && !this.closed;
    const peerId = this.peerId;
    this.negotiator = new Negotiator(
      pc,
      this.options.polite,
      {
        sendDescription: (description) => {
          if (current()) this.sendSignal({ kind: 'description', epoch, description, streams: this.localSources() });
        },
        onError: (operation, error) => {
          if (current()) this.emit('error', toParleyError({ kind: 'rtc', peerId, operation, error }));
        },
        onRollback: () => {
          // Mid-call only. During the first negotiation (a collision when the impolite offer
          // came later than politeOfferWaitMs) the tracks are still starting, and a rebuild then
          // would only delay the call; under CPU load it also cut a file transfer short.
          if (!current()) return;
          watchAfterRollback(pc, {
            peerId,
            midCall: this.state === 'connected',
            current,
            repair: (error) => {
              this.emit('error', error);
              this.emit('rebuild-needed', null);
            },
          });
        },
      },
      defaults.candidateQueueLimit,
      peerOffersFirst && this.options.polite ? defaults.ice.politeOfferWaitMs : 0,
    );
    pc.onnegotiationneeded = () => {
      if (current()) void this.negotiator.negotiate();
    };
    pc.onicecandidate = ({ candidate }) => {
      if (!current() || !candidate) return;
      this.reachability.candidate(candidate.type);
      this.sendSignal({ kind: 'candidate', epoch, candidate: candidate.toJSON() });
    };
    pc.oniceconnectionstatechange = () => {
      if (current()) this.onIceState(pc.iceConnectionState);
    };
    pc.ontrack = (event) => {
      if (current()) this.onTrack(event);
    };
    this.openChannels(pc);
    this.senders = new Senders(pc);
    this.watchdog.start();
    this.reachability.connecting();
    this.syncTracks();
    // The first offer as soon as the tracks are in place: waiting for `negotiationneeded` kept
    // it back about 10 ms on a busy machine (bench/browser.sh).
    void this.sync.then(() => {
      if (current()) void this.negotiator.begin();
    });
  }

  private openChannels(pc: RTCPeerConnection): void {
    const { chat: chatSpec, files: filesSpec } = defaults.channels;
    this.chat.attach(pc.createDataChannel(chatSpec.label, { negotiated: true, id: chatSpec.id, ordered: true }));
    const files = pc.createDataChannel(filesSpec.label, { negotiated: true, id: filesSpec.id, ordered: true });
    files.binaryType = 'arraybuffer';
    const endpoint = new FileEndpoint(
      files,
      this.peerId,
      {
        onTransfer: (transfer) => this.emit('transfer', transfer),
        onProblem: (error) => this.emit('error', error),
      },
      defaults.files,
      // Null until the SCTP association is up, which it is by the time the channel opens.
      () => pc.sctp?.maxMessageSize ?? Number.POSITIVE_INFINITY,
    );
    this.files = endpoint;
    files.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data;
      if (typeof data === 'string' || data instanceof ArrayBuffer) endpoint.receive(data);
    };
    files.onclose = () => endpoint.close();
  }

  private onTrack(event: RTCTrackEvent): void {
    const track = event.track;
    const stream = event.streams[0] ?? new MediaStream([track]);
    const source: TrackSource =
      this.remoteSources.get(stream.id) === 'screen' ? 'screen' : track.kind === 'audio' ? 'microphone' : 'camera';
    const remote: RemoteTrack = { track, stream, source };
    this.remoteTracks.set(track.id, remote);
    if (!this.watchedStreams.has(stream)) {
      this.watchedStreams.add(stream);
      // Fired when the sender stops sending the track (screen share stopped, track removed).
      stream.addEventListener('removetrack', (e: MediaStreamTrackEvent) => this.dropRemoteTrack(e.track.id));
    }
    this.emit('track', remote);
  }

  private dropRemoteTrack(trackId: string): void {
    const remote = this.remoteTracks.get(trackId);
    if (remote) {
      this.remoteTracks.delete(trackId);
      this.emit('track-removed', remote);
    }
  }

  private onIceState(state: RTCIceConnectionState): void {
    this.watchdog.update(state);
    if (state === 'connected' || state === 'completed') {
      this.everConnected = true;
      this.reachability.connected();
      this.setState('connected');
    } else if (state === 'disconnected' || state === 'failed') {
      this.reachability.connecting();
      if (this.state !== 'failed') this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    }
  }

  private onWatchdog(action: IceAction): void {
    if (this.closed) return;
    switch (action) {
      case 'restart-ice':
        this.setState('reconnecting');
        this.pc.restartIce(); // fires negotiationneeded: our offer carries the restart
        return;
      case 'rebuild':
        this.emit('rebuild-needed', null);
        return;
      case 'give-up':
        this.setState('failed');
        this.emit(
          'error',
          new ParleyError('peer-failed', `could not connect to peer ${this.peerId}`, { peerId: this.peerId }),
        );
        return;
      default:
        assertNever(action);
    }
  }

  private replaceConnection(epoch: number, peerOffersFirst: boolean): void {
    this.teardown();
    this.epoch = epoch;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    this.createConnection(peerOffersFirst);
  }

  /** Closes the current connection and forgets everything that belonged to it. */
  private teardown(): void {
    const pc = this.pc;
    if (!pc) return;
    this.negotiator.close();
    pc.onnegotiationneeded = pc.onicecandidate = pc.oniceconnectionstatechange = pc.ontrack = null;
    this.chat.detach();
    this.files?.close();
    this.files = null;
    pc.close();
    for (const trackId of [...this.remoteTracks.keys()]) this.dropRemoteTrack(trackId);
    this.remoteSources.clear();
    this.lastSample = null;
  }

  private syncTracks(): void {
    if (this.options.media === false) return;
    const pc = this.pc;
    const senders = this.senders;
    this.sync = this.sync
      .then(async () => {
        if (pc === this.pc && !this.closed) await senders.apply(this.local);
      })
      .catch((error: unknown) => {
        if (pc === this.pc && !this.closed) {
          this.emit('error', toParleyError({ kind: 'rtc', peerId: this.peerId, operation: 'replaceTrack', error }));
        }
      });
  }

  private localSources(): Record<string, StreamSource> {
    const screen = this.local.screenStream;
    return screen ? { [screen.id]: 'screen' } : {};
  }

  private sendSignal(signal: PeerSignal): void {
    this.emit('signal', encodePeerSignal(signal));
  }

  private setState(state: PeerState): void {
    if (this.state === state || this.state === 'closed') return;
    this.state = state;
    this.emit('state', state);
  }
}
