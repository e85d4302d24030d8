import { ChatEndpoint, type ChatFrame } from '../chat/endpoint.js';
import { encodeEnvelope, type MediaState } from '../chat/envelope.js';
import { defaults } from '../defaults.js';
import { ParleyError } from '../errors.js';
import type { Transfer } from '../files/transfer.js';
import type { LocalTracks } from '../media/local-media.js';
import type { PeerState } from '../peer/peer-link.js';
import type { PeerInfo, PublishAnswerMessage, SpeakerMessage, SubscribeOfferMessage } from '../protocol/messages.js';
import { FileLinks } from '../sfu/file-links.js';
import { SfuSession } from '../sfu/session.js';
import type { SubscribedTrack } from '../sfu/subscriber.js';
import type { MediaPlaneMessage } from '../signaling/events.js';
import { assertNever } from '../util/assert-never.js';
import { computeStats, type PeerStats } from '../stats/stats.js';
import type { JsonObject } from '../util/json.js';
import { reportTransfer, type Members, type MutablePeer } from './members.js';
import type { RosterHost } from './roster.js';
import type { PeerGoneReason, RemotePeer } from './types.js';

/** What the SFU roster needs of its room: what a mesh needs, and the server's SFU messages. */
export interface SfuRosterHost extends RosterHost {
  /** False when the session is not up (the message is not queued). */
  send(message: MediaPlaneMessage): boolean;
}

interface SfuPeer {
  readonly view: MutablePeer;
  /** Decodes the chat frames the peer broadcasts (the same frames mesh puts on the chat channel). */
  readonly chat: ChatEndpoint;
}

/**
 * The other peers of an SFU room. Media goes through the server (an `SfuSession`: publish and
 * subscribe connections), each forwarded track becoming a `track` event of its publisher;
 * chat and media state are relayed by the server (`broadcast`, or a signal to one peer, as
 * `{"chat": "<chat frame>"}`); files go over a pairwise connection opened for the transfer.
 */
export class SfuRoster implements Members {
  private readonly peers = new Map<string, SfuPeer>();
  private session: SfuSession;
  /** Our peer id when the session started: the server knows its connections under that id. */
  private sessionOf: string;
  private readonly files: FileLinks;
  private state: PeerState = 'connecting';
  private speakerId: string | null = null;

  /** @param adopted the views of the mesh this room was until now, kept for the app */
  constructor(
    private readonly host: SfuRosterHost,
    adopted: readonly MutablePeer[],
  ) {
    this.session = this.startSession();
    this.files = new FileLinks({
      localId: () => host.localId(),
      sendSignal: (to, data) => host.sendSignal(to, data),
      configuration: () => host.configuration(),
      ...(host.createPeerConnection ? { createPeerConnection: host.createPeerConnection } : {}),
    });
    this.files.on('transfer', (transfer) => reportTransfer(host.events, transfer));
    this.files.on('error', (error) => host.events.emit('error', error));
    for (const view of adopted) {
      this.peers.set(view.id, this.entry(view));
      view.state = 'connecting';
      host.events.emit('peer-state', { peer: view, state: view.state });
    }
    this.sessionOf = host.localId();
    this.broadcastMedia(host.localMediaState());
  }

  get views(): RemotePeer[] {
    return [...this.peers.values()].map((p) => p.view);
  }

  view(peerId: string): RemotePeer | null {
    return this.peers.get(peerId)?.view ?? null;
  }

  welcome(peers: readonly PeerInfo[], sameSession: boolean): void {
    const listed = new Set(peers.map((p) => p.peerId));
    for (const peerId of [...this.peers.keys()]) if (!listed.has(peerId)) this.remove(peerId, 'lost');
    for (const peer of peers) {
      const known = this.peers.get(peer.peerId);
      if (known) known.view.name = peer.name;
      else this.add(peer);
    }
    if (sameSession) {
      this.session.resumed();
    } else if (this.sessionOf !== this.host.localId()) {
      // A new session (our id changed): the server has no connections of ours any more.
      this.session.close();
      this.session = this.startSession();
      this.sessionOf = this.host.localId();
      this.broadcastMedia(this.host.localMediaState());
    }
  }

  joined(info: PeerInfo): void {
    const known = this.peers.get(info.peerId);
    if (known) {
      known.view.name = info.name;
      return;
    }
    this.add(info);
    // So that it learns what we send (in mesh this goes when the chat channel opens).
    this.host.sendSignal(info.peerId, { chat: encodeEnvelope({ type: 'media', ...this.host.localMediaState() }) });
  }

  remove(peerId: string, reason: PeerGoneReason): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    this.files.forget(peerId);
    this.session.forget(peerId);
    this.host.events.emit('peer-left', { peer: peer.view, reason });
  }

  signal(from: string, data: JsonObject): void {
    const peer = this.peers.get(from) ?? this.add({ peerId: from, name: null });
    const chat = data['chat'];
    if (typeof chat === 'string') peer.chat.receive(chat);
    else if (FileLinks.carries(data)) this.files.receive(from, data);
    // Anything else is a mesh signal sent before its sender saw the room turn SFU.
  }

  sendChat(frame: ChatFrame, to: string | undefined): void {
    const data = { chat: encodeEnvelope(frame) };
    if (to === undefined) this.host.send({ type: 'broadcast', data });
    else this.host.sendSignal(this.known(to), data);
  }

  sendFile(file: Blob, name: string, to: string | undefined): Transfer[] {
    const targets = to === undefined ? [...this.peers.keys()] : [this.known(to)];
    return targets.map((peerId) => {
      const transfer = this.files.send(peerId, file, name);
      if (!transfer) throw new ParleyError('closed', `the connection to ${peerId} is closed`);
      return transfer;
    });
  }

  setLocalMedia(tracks: LocalTracks, state: MediaState): void {
    void this.session.publish(tracks);
    this.broadcastMedia(state);
  }

  /** Stats of the subscribe connection: everything we receive, from every publisher. */
  async getStats(peerId: string): Promise<PeerStats | null> {
    if (!this.peers.has(peerId)) return null;
    return computeStats(await this.session.getStats(), null).stats;
  }

  sampleStats(): void {
    // The subscribe connection carries every peer's media at once: no per-peer figures.
  }

  signalsLost(): void {
    // Media is negotiated with the server, not by signals; file links recover by themselves.
  }

  /** The room's dominant speaker (may be us), or null. */
  get speaker(): string | null {
    return this.speakerId;
  }

  receive(message: PublishAnswerMessage | SubscribeOfferMessage | SpeakerMessage): void {
    switch (message.type) {
      case 'publish-answer':
        void this.session.publishAnswer(message.sdp);
        return;
      case 'subscribe-offer':
        void this.session.subscribeOffer(message.sdp, message.tracks);
        return;
      case 'speaker':
        if (message.peerId === this.speakerId) return;
        this.speakerId = message.peerId;
        this.host.events.emit('speaker', {
          peerId: message.peerId,
          peer: message.peerId === null ? null : this.view(message.peerId),
        });
        return;
      default:
        assertNever(message);
    }
  }

  /** The server refused our publish offer (`bad-sdp`, `media-limit`). */
  publishRefused(): void {
    void this.session.publishRefused();
  }

  setRenderSize(peerId: string, width: number, height: number, source?: 'camera' | 'screen'): void {
    this.session.setRenderSize(peerId, width, height, source);
  }

  /** Closes both media connections and every file link, silently: the room closes. */
  clear(): void {
    this.files.clear();
    this.session.removeAllListeners();
    this.session.close();
    this.peers.clear();
  }

  private startSession(): SfuSession {
    const host = this.host;
    const session = new SfuSession({
      send: (message) => host.send(message),
      configuration: () => host.configuration(),
      ...(host.createPeerConnection ? { createPeerConnection: host.createPeerConnection } : {}),
    });
    session.on('track', (track) => this.onTrack(track));
    session.on('track-removed', (track) => this.onTrackRemoved(track));
    session.on('state', (state) => this.setState(state));
    session.on('error', (error) => host.events.emit('error', error));
    void session.publish(host.localTracks());
    return session;
  }

  private add(info: PeerInfo): SfuPeer {
    const view: MutablePeer = { id: info.peerId, name: info.name, state: this.state, media: null, tracks: [] };
    const peer = this.entry(view);
    this.peers.set(info.peerId, peer);
    this.host.events.emit('peer-joined', { peer: view });
    return peer;
  }

  private entry(view: MutablePeer): SfuPeer {
    const events = this.host.events;
    const chat = new ChatEndpoint(
      view.id,
      {
        onChat: (frame) =>
          events.emit('message', {
            id: frame.id,
            from: view.id,
            fromName: view.name,
            to: frame.private ? this.host.localId() : null,
            text: frame.text,
            sentAt: frame.sentAt,
          }),
        onMedia: (media) => {
          view.media = media;
          events.emit('peer-media', { peer: view, media });
        },
        onProblem: (error) => events.emit('error', error),
        mediaState: () => this.host.localMediaState(),
      },
      defaults.chatQueueLimit,
    );
    return { view, chat };
  }

  private known(peerId: string): string {
    if (!this.peers.has(peerId)) throw new ParleyError('invalid-argument', `no peer '${peerId}' in this room`);
    return peerId;
  }

  private broadcastMedia(state: MediaState): void {
    this.host.send({ type: 'broadcast', data: { chat: encodeEnvelope({ type: 'media', ...state }) } });
  }

  private onTrack(subscribed: SubscribedTrack): void {
    const peer = this.peers.get(subscribed.peerId) ?? this.add({ peerId: subscribed.peerId, name: null });
    const { track, stream, source } = subscribed;
    const view = peer.view;
    view.tracks = [...view.tracks.filter((t) => t.track !== track), { track, stream, source }];
    this.host.events.emit('track', { peer: view, track, stream, source });
  }

  private onTrackRemoved(subscribed: SubscribedTrack): void {
    const view = this.peers.get(subscribed.peerId)?.view;
    if (!view) return;
    const { track, stream, source } = subscribed;
    view.tracks = view.tracks.filter((t) => t.track !== track);
    this.host.events.emit('track-removed', { peer: view, track, stream, source });
  }

  private setState(state: PeerState): void {
    this.state = state;
    for (const { view } of this.peers.values()) {
      if (view.state === state) continue;
      view.state = state;
      this.host.events.emit('peer-state', { peer: view, state });
    }
  }
}
