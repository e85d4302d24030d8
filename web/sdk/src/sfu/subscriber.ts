import type { TrackSource } from '../peer/peer-link.js';
import type { ForwardedTrack } from '../protocol/messages.js';
import { sourcesOf } from './forwarded.js';

/** A track the server forwards to us, with the publisher it belongs to. */
export interface SubscribedTrack {
  readonly peerId: string;
  readonly trackId: string;
  readonly kind: 'audio' | 'video';
  readonly track: MediaStreamTrack;
  /** The publisher's microphone and camera share one stream; a screen has its own. */
  readonly stream: MediaStream;
  readonly source: TrackSource;
}

export interface SubscriberHooks {
  /** Our answer to the server's offer, for a `subscribe-answer` message. */
  sendAnswer(sdp: string): void;
  onTrack(track: SubscribedTrack): void;
  onTrackRemoved(track: SubscribedTrack): void;
  onError(operation: string, error: unknown): void;
}

/**
 * The subscribe connection of an SFU room: recvonly, offered by the server, answered by us.
 * Each offer comes with the list of forwarded tracks (mid → publisher, track id); after it is
 * applied, the tracks are reconciled with the transceivers: a listed mid is that publisher's
 * track, one no longer listed (its m= section inactive, or reused for another track) is gone.
 *
 * Contract: single-threaded; offers are applied one at a time, in arrival order.
 */
export class Subscriber {
  private readonly active = new Map<string, SubscribedTrack>();
  private readonly streams = new Map<string, MediaStream>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly hooks: SubscriberHooks,
  ) {}

  get tracks(): readonly SubscribedTrack[] {
    return [...this.active.values()];
  }

  receiveOffer(sdp: string, tracks: readonly ForwardedTrack[]): Promise<void> {
    this.chain = this.chain.then(() => this.apply(sdp, tracks));
    return this.chain;
  }

  /** Stops the connection; every track still active is reported removed. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.close();
    for (const track of [...this.active.values()]) this.remove(track);
  }

  private async apply(sdp: string, tracks: readonly ForwardedTrack[]): Promise<void> {
    if (this.closed) return;
    let step = 'setRemoteDescription';
    try {
      await this.pc.setRemoteDescription({ type: 'offer', sdp });
      step = 'createAnswer';
      await this.pc.setLocalDescription(await this.pc.createAnswer());
    } catch (error) {
      if (!this.closed) this.hooks.onError(step, error);
      return;
    }
    if (this.closed) return;
    const answer = this.pc.localDescription?.sdp;
    if (answer) this.hooks.sendAnswer(answer);
    this.reconcile(tracks);
  }

  private reconcile(tracks: readonly ForwardedTrack[]): void {
    const byMid = new Map(tracks.map((t) => [t.mid, t]));
    const sources = sourcesOf(tracks);
    const wanted = new Map<string, { readonly listed: ForwardedTrack; readonly track: MediaStreamTrack }>();
    for (const transceiver of this.pc.getTransceivers()) {
      const listed = transceiver.mid === null ? undefined : byMid.get(transceiver.mid);
      if (listed) wanted.set(listed.trackId, { listed, track: transceiver.receiver.track });
    }
    for (const current of [...this.active.values()]) {
      const next = wanted.get(current.trackId);
      if (!next || next.track !== current.track || next.listed.peerId !== current.peerId) this.remove(current);
    }
    for (const [trackId, { listed, track }] of wanted) {
      if (this.active.has(trackId)) continue;
      const source = sources.get(trackId) ?? 'camera';
      const stream = this.streamOf(listed.peerId, source);
      stream.addTrack(track);
      const subscribed: SubscribedTrack = { peerId: listed.peerId, trackId, kind: listed.kind, track, stream, source };
      this.active.set(trackId, subscribed);
      this.hooks.onTrack(subscribed);
    }
  }

  private remove(track: SubscribedTrack): void {
    this.active.delete(track.trackId);
    track.stream.removeTrack(track.track);
    this.hooks.onTrackRemoved(track);
  }

  private streamOf(peerId: string, source: TrackSource): MediaStream {
    const key = `${source === 'screen' ? 'screen' : 'user'} ${peerId}`;
    let stream = this.streams.get(key);
    if (!stream) {
      stream = new MediaStream();
      this.streams.set(key, stream);
    }
    return stream;
  }
}
