import type { ChatFrame } from '../chat/endpoint.js';
import type { MediaState } from '../chat/envelope.js';
import type { Emitter } from '../emitter.js';
import { ParleyError } from '../errors.js';
import type { Transfer } from '../files/transfer.js';
import type { LocalTracks } from '../media/local-media.js';
import { PeerLink } from '../peer/peer-link.js';
import { isPolite } from '../protocol/roles.js';
import type { PeerInfo } from '../protocol/messages.js';
import type { JsonObject } from '../util/json.js';
import { planWelcome } from './plan.js';
import type { PeerStats } from '../stats/stats.js';
import { reportTransfer, type Members, type MutablePeer } from './members.js';
import type { PeerGoneReason, RemotePeer, RoomEvents } from './types.js';

/** A remote peer as the roster keeps it: the public view plus its link. */
interface PeerEntry {
  readonly view: MutablePeer;
  link: PeerLink;
  /** The server told us about this peer in the current session (welcome or peer-joined). */
  announced: boolean;
}

/** What the roster needs of its room. */
export interface RosterHost {
  readonly events: Emitter<RoomEvents>;
  /** Our peer id (set before the first peer is added: it decides who is polite). */
  localId(): string;
  localTracks(): LocalTracks;
  localMediaState(): MediaState;
  sendSignal(to: string, data: JsonObject): void;
  configuration(): RTCConfiguration;
  readonly createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
}

/**
 * The other peers of a room and the link to each: who is in, which link is current, and
 * every link event turned into a room event about that peer. Events of a link that was
 * replaced are dropped, so the app only hears of the connection it can see.
 */
export class PeerRoster implements Members {
  private readonly peers = new Map<string, PeerEntry>();

  constructor(private readonly host: RosterHost) {}

  get views(): RemotePeer[] {
    return [...this.peers.values()].map((entry) => entry.view);
  }

  view(peerId: string): RemotePeer | null {
    return this.peers.get(peerId)?.view ?? null;
  }

  link(peerId: string): PeerLink | null {
    return this.peers.get(peerId)?.link ?? null;
  }

  /** Everyone (`to` undefined), or the one peer `to`; a ParleyError for an unknown one. */
  targets(to: string | undefined): PeerLink[] {
    if (to === undefined) return [...this.peers.values()].map((entry) => entry.link);
    const entry = this.peers.get(to);
    if (!entry) throw new ParleyError('invalid-argument', `no peer '${to}' in this room`);
    return [entry.link];
  }

  forEachLink(action: (link: PeerLink) => void): void {
    for (const entry of [...this.peers.values()]) action(entry.link);
  }

  sendChat(frame: ChatFrame, to: string | undefined): void {
    for (const link of this.targets(to)) link.sendChat(frame);
  }

  sendFile(file: Blob, name: string, to: string | undefined): Transfer[] {
    return this.targets(to).map((link) => {
      const transfer = link.sendFile(file, name);
      if (!transfer) throw new ParleyError('closed', `the connection to ${link.peerId} is closed`);
      return transfer;
    });
  }

  setLocalMedia(tracks: LocalTracks, state: MediaState): void {
    this.forEachLink((link) => {
      link.setLocalTracks(tracks);
      link.setMediaState(state);
    });
  }

  async getStats(peerId: string): Promise<PeerStats | null> {
    return (await this.link(peerId)?.getStats()) ?? null;
  }

  signalsLost(onlyUnconnected: boolean): void {
    this.forEachLink((link) => {
      if (!onlyUnconnected || link.connectionState !== 'connected') link.rebuild();
    });
  }

  /**
   * The room turned SFU: every link closes (the app sees its tracks go) and the views of the
   * peers are handed over, the same objects, so the app's references stay good.
   */
  handOver(): MutablePeer[] {
    const entries = [...this.peers.values()];
    this.peers.clear(); // first, so that the links' closing is no peer-state of theirs
    for (const entry of entries) {
      entry.link.close(); // its track-removed events still reach the app
      entry.link.removeAllListeners();
    }
    return entries.map((entry) => entry.view);
  }

  /** Reconciles the links with the peers a welcome lists (see planWelcome). */
  welcome(peers: readonly PeerInfo[], sameSession: boolean): void {
    const links = [...this.peers.values()].map((e) => ({
      peerId: e.view.id,
      healthy: e.link.connectionState !== 'failed' && e.link.connectionState !== 'closed',
    }));
    const plan = planWelcome(links, peers, sameSession);
    for (const peerId of plan.drop) this.remove(peerId, 'lost');
    for (const peer of plan.replace) this.replaceLink(peer);
    for (const peer of plan.rebuild) this.confirm(peer).link.rebuild();
    for (const peer of plan.keep) this.confirm(peer).link.updateConfiguration();
    for (const peerId of plan.unconfirmed) {
      const entry = this.peers.get(peerId);
      if (entry) entry.announced = false;
    }
    for (const peer of plan.join) this.add(peer);
  }

  /** The server announced a peer: new, or back after a server restart. */
  joined(info: PeerInfo): void {
    const entry = this.peers.get(info.peerId);
    if (!entry) {
      this.add(info);
      return;
    }
    // Back after a server restart: keep the connection we have, unless it is broken.
    this.confirm(info);
    const state = entry.link.connectionState;
    if (state === 'failed' || state === 'closed') entry.link.rebuild();
  }

  /**
   * A relayed signal. The server relays only from members of our room, so an unknown sender is
   * a member whose announcement we have not seen: take it in.
   */
  signal(from: string, data: JsonObject): void {
    (this.peers.get(from) ?? this.add({ peerId: from, name: null })).link.receive(data);
  }

  remove(peerId: string, reason: PeerGoneReason): void {
    const entry = this.peers.get(peerId);
    if (!entry) return;
    this.peers.delete(peerId);
    entry.link.close();
    this.host.events.emit('peer-left', { peer: entry.view, reason });
  }

  /** Emits `stats` for every connected peer. */
  sampleStats(): void {
    for (const entry of this.peers.values()) {
      if (entry.link.connectionState !== 'connected') continue;
      const link = entry.link;
      link.getStats().then(
        (stats) => {
          if (stats && this.peers.get(entry.view.id)?.link === link)
            this.host.events.emit('stats', { peer: entry.view, stats });
        },
        () => undefined, // a connection closing under getStats: nothing to report
      );
    }
  }

  /** Closes every link, silently: the room is closing. */
  clear(): void {
    for (const entry of this.peers.values()) {
      entry.link.removeAllListeners();
      entry.link.close();
    }
    this.peers.clear();
  }

  private add(info: PeerInfo): PeerEntry {
    const view: MutablePeer = { id: info.peerId, name: info.name, state: 'connecting', media: null, tracks: [] };
    const entry: PeerEntry = { view, link: this.createLink(view), announced: true };
    this.peers.set(info.peerId, entry);
    this.host.events.emit('peer-joined', { peer: view });
    entry.link.open();
    return entry;
  }

  /** A new link to a peer we keep (our own id changed); the app sees new tracks, no leave. */
  private replaceLink(info: PeerInfo): void {
    const entry = this.peers.get(info.peerId);
    if (!entry) return;
    entry.link.close();
    entry.view.name = info.name;
    entry.view.state = 'connecting';
    entry.announced = true;
    entry.link = this.createLink(entry.view);
    entry.link.open();
  }

  private confirm(info: PeerInfo): PeerEntry {
    const entry = this.peers.get(info.peerId) as PeerEntry;
    entry.announced = true;
    entry.view.name = info.name;
    return entry;
  }

  private createLink(view: MutablePeer): PeerLink {
    const host = this.host;
    const events = host.events;
    const link = new PeerLink(
      {
        remoteId: view.id,
        polite: isPolite(host.localId(), view.id),
        configuration: () => host.configuration(),
        ...(host.createPeerConnection ? { createPeerConnection: host.createPeerConnection } : {}),
      },
      host.localTracks(),
      host.localMediaState(),
    );
    const live = (): boolean => this.peers.get(view.id)?.link === link;
    link.on('signal', (data) => host.sendSignal(view.id, data));
    link.on('state', (state) => {
      view.state = state;
      if (live()) events.emit('peer-state', { peer: view, state });
    });
    link.on('unreachable', (cause) => {
      if (live()) events.emit('peer-unreachable', { peer: view, cause });
    });
    link.on('reachable', () => {
      if (live()) events.emit('peer-reachable', { peer: view });
    });
    link.on('track', (track) => {
      view.tracks = [...view.tracks.filter((t) => t.track !== track.track), track];
      if (live()) events.emit('track', { peer: view, ...track });
    });
    link.on('track-removed', (track) => {
      view.tracks = view.tracks.filter((t) => t.track !== track.track);
      events.emit('track-removed', { peer: view, ...track });
    });
    link.on('media', (media) => {
      view.media = media;
      events.emit('peer-media', { peer: view, media });
    });
    link.on('chat', (frame) => {
      events.emit('message', {
        id: frame.id,
        from: view.id,
        fromName: view.name,
        to: frame.private ? host.localId() : null,
        text: frame.text,
        sentAt: frame.sentAt,
      });
    });
    link.on('transfer', (transfer) => this.onTransfer(transfer));
    link.on('rebuild-needed', () => {
      const entry = this.peers.get(view.id);
      if (entry?.link !== link) return;
      // Rebuild only towards peers the server vouches for; an unconfirmed one is gone.
      if (entry.announced) link.rebuild();
      else this.remove(view.id, 'lost');
    });
    link.on('error', (error) => events.emit('error', error));
    return link;
  }

  private onTransfer(transfer: Transfer): void {
    reportTransfer(this.host.events, transfer);
  }
}
