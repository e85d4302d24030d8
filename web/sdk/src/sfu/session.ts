import { defaults } from '../defaults.js';
import { Emitter } from '../emitter.js';
import { toParleyError, type ParleyError } from '../errors.js';
import type { LocalTracks } from '../media/local-media.js';
import type { PeerState, TrackSource } from '../peer/peer-link.js';
import type { ForwardedTrack } from '../protocol/messages.js';
import type { MediaPlaneMessage } from '../signaling/events.js';
import { Publisher } from './publisher.js';
import { RenderHints } from './render-hints.js';
import { Subscriber, type SubscribedTrack } from './subscriber.js';

export interface SfuSessionOptions {
  /** Sends a message to the server; false when the session is not up (it is not queued). */
  send(message: MediaPlaneMessage): boolean;
  configuration(): RTCConfiguration;
  readonly createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
}

export interface SfuSessionEvents {
  track: SubscribedTrack;
  'track-removed': SubscribedTrack;
  /** How the media path to the server does (the subscribe connection's ICE). */
  state: PeerState;
  error: ParleyError;
}

/** The sources a render size applies to when the app names none. */
const VIDEO_SOURCES: readonly TrackSource[] = ['camera', 'screen'];

/**
 * Our media in an SFU room: the publish connection (our tracks to the server), the subscribe
 * connection (everyone else's tracks from it), and the render hints for what we show. The ICE
 * servers of the welcome apply to both connections.
 *
 * Contract: single-threaded. Close it when the room leaves SFU mode or closes.
 */
export class SfuSession extends Emitter<SfuSessionEvents> {
  private readonly publisher: Publisher;
  private readonly subscriber: Subscriber;
  private readonly subscribePc: RTCPeerConnection;
  private readonly hints: RenderHints;
  /** Render sizes the app set, by `peerId source`, also for tracks that come later. */
  private readonly sizes = new Map<string, { readonly width: number; readonly height: number }>();
  private closed = false;

  constructor(options: SfuSessionOptions) {
    super();
    const create = options.createPeerConnection ?? ((c: RTCConfiguration) => new RTCPeerConnection(c));
    this.publisher = new Publisher(create(options.configuration()), {
      sendOffer: (sdp) => options.send({ type: 'publish', sdp }),
      onError: (operation, error) => this.fail(operation, error),
    });
    this.subscribePc = create(options.configuration());
    this.subscribePc.oniceconnectionstatechange = () => this.onIceState(this.subscribePc.iceConnectionState);
    this.subscriber = new Subscriber(this.subscribePc, {
      sendAnswer: (sdp) => options.send({ type: 'subscribe-answer', sdp }),
      onTrack: (track) => this.onTrack(track),
      onTrackRemoved: (track) => {
        this.hints.forget(track.trackId);
        this.emit('track-removed', track);
      },
      onError: (operation, error) => this.fail(operation, error),
    });
    this.hints = new RenderHints((message) => options.send(message), defaults.sfu.renderIntervalMs);
  }

  /** The forwarded tracks we receive now. */
  get tracks(): readonly SubscribedTrack[] {
    return this.subscriber.tracks;
  }

  /** Our tracks changed: publish them (renegotiating when one is added or a share ends). */
  publish(local: LocalTracks): Promise<void> {
    return this.publisher.apply(local);
  }

  publishAnswer(sdp: string): Promise<void> {
    return this.publisher.receiveAnswer(sdp);
  }

  /** The server refused our last publish offer. */
  publishRefused(): Promise<void> {
    return this.publisher.refused();
  }

  subscribeOffer(sdp: string, tracks: readonly ForwardedTrack[]): Promise<void> {
    return this.subscriber.receiveOffer(sdp, tracks);
  }

  /** The signaling session resumed: a publish offer lost in the outage goes again. */
  resumed(): void {
    this.publisher.resendOffer();
  }

  /**
   * How big the app shows a peer's video (CSS pixels × devicePixelRatio; 0×0 when hidden), for
   * one source or, with none, for all of the peer's video; kept for tracks that come later.
   */
  setRenderSize(peerId: string, width: number, height: number, source?: 'camera' | 'screen'): void {
    for (const s of source ? [source] : VIDEO_SOURCES) this.sizes.set(`${peerId} ${s}`, { width, height });
    for (const track of this.subscriber.tracks) {
      if (track.peerId === peerId && track.kind === 'video' && (!source || track.source === source))
        this.hints.set(track.trackId, width, height);
    }
  }

  /** The peer left: forget its sizes (its tracks go with the next subscribe offer). */
  forget(peerId: string): void {
    for (const s of VIDEO_SOURCES) this.sizes.delete(`${peerId} ${s}`);
  }

  getStats(): Promise<RTCStatsReport> {
    return this.subscribePc.getStats();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.subscribePc.oniceconnectionstatechange = null;
    this.hints.clear();
    this.publisher.close();
    this.subscriber.close();
  }

  private onTrack(track: SubscribedTrack): void {
    const size = track.kind === 'video' ? this.sizes.get(`${track.peerId} ${track.source}`) : undefined;
    if (size) this.hints.set(track.trackId, size.width, size.height);
    this.emit('track', track);
  }

  private onIceState(state: RTCIceConnectionState): void {
    if (this.closed) return;
    if (state === 'connected' || state === 'completed') this.emit('state', 'connected');
    else if (state === 'disconnected') this.emit('state', 'reconnecting');
    else if (state === 'failed') this.emit('state', 'failed');
  }

  private fail(operation: string, error: unknown): void {
    if (!this.closed) this.emit('error', toParleyError({ kind: 'rtc', peerId: 'sfu', operation, error }));
  }
}
