import type { MediaState, PeerStats, RemotePeer, TrackSource } from '@parley/sdk';
import { el } from '../dom.js';
import { StatsGraph } from './stats-graph.js';

/** One tile: a person's camera (with their audio), or a screen share. */
interface Tile {
  readonly element: HTMLElement;
  readonly video: HTMLVideoElement;
  readonly label: HTMLElement;
  /** The quality dot; a button that opens the connection graph. */
  readonly badge: HTMLButtonElement;
  readonly dot: HTMLElement;
  readonly placeholder: HTMLElement;
  /** A peer's camera tile only: its connection graph, shown while the dot is pressed. */
  graph: StatsGraph | null;
}

/**
 * The responsive grid of video tiles. A peer gets a tile as soon as they join (showing their
 * initial until video arrives), so joining is visible even before media flows. Keys: the
 * self tile is `self`; a peer's camera tile is its peer id; a screen share is
 * `<peer id>/screen/<stream id>`.
 */
export class VideoGrid {
  readonly element = el('section', { class: 'grid', attrs: { 'aria-label': 'Participants' } });
  private readonly tiles = new Map<string, Tile>();

  showSelf(stream: MediaStream | null, name: string, media: MediaState): void {
    const tile = this.tile('self', `${name || 'You'} (you)`, 'self');
    tile.video.muted = true; // never hear yourself
    tile.element.classList.add('mirrored');
    if (tile.video.srcObject !== stream) tile.video.srcObject = stream;
    this.setMedia('self', media.audio, media.video && stream !== null && stream.getVideoTracks().length > 0);
  }

  addPeer(peer: RemotePeer): void {
    this.tile(peer.id, displayName(peer), 'camera').element.dataset.peerId = peer.id;
    this.setMedia(peer.id, peer.media?.audio ?? true, peer.media?.video ?? false);
  }

  showTrack(peer: RemotePeer, stream: MediaStream, source: TrackSource): void {
    const key = source === 'screen' ? `${peer.id}/screen/${stream.id}` : peer.id;
    const label = source === 'screen' ? `${displayName(peer)} is presenting` : displayName(peer);
    const tile = this.tile(key, label, source === 'screen' ? 'screen' : 'camera');
    tile.element.dataset.peerId = peer.id;
    tile.video.dataset.remote = source;
    if (tile.video.srcObject !== stream) tile.video.srcObject = stream;
    if (source === 'screen') this.setMedia(key, true, true);
    // Video state follows the peer's own announcement (peer-media); until it has spoken,
    // a camera track arriving means the camera is on.
    else if (!peer.media) this.setMedia(key, true, stream.getVideoTracks().length > 0);
  }

  removeScreen(peer: RemotePeer, stream: MediaStream): void {
    this.remove(`${peer.id}/screen/${stream.id}`);
  }

  updatePeerMedia(peer: RemotePeer, media: MediaState): void {
    this.setMedia(peer.id, media.audio, media.video);
  }

  removePeer(peerId: string): void {
    for (const key of [...this.tiles.keys()]) {
      if (key === peerId || key.startsWith(`${peerId}/`)) this.remove(key);
    }
  }

  /** A small coloured dot per peer: green good, amber so-so, red poor; null hides it. */
  setQuality(peerId: string, level: 'good' | 'fair' | 'poor' | null, detail: string): void {
    const tile = this.tiles.get(peerId);
    if (!tile) return;
    tile.badge.hidden = level === null;
    tile.dot.className = `quality ${level ?? ''}`;
    tile.badge.title = `${detail} (click for a graph)`;
    tile.badge.setAttribute('aria-label', `Connection: ${level ?? 'unknown'}. ${detail}`);
  }

  /** Adds a stats sample to the peer's connection graph (kept even while the graph is closed). */
  addStats(peerId: string, stats: PeerStats): void {
    const tile = this.tiles.get(peerId);
    if (!tile) return;
    if (!tile.graph) {
      tile.graph = new StatsGraph();
      tile.graph.element.hidden = tile.badge.getAttribute('aria-expanded') !== 'true';
      tile.element.append(tile.graph.element);
    }
    tile.graph.push(stats);
  }

  private setMedia(key: string, audio: boolean, video: boolean): void {
    const tile = this.tiles.get(key);
    if (!tile) return;
    tile.element.classList.toggle('muted', !audio);
    tile.element.classList.toggle('no-video', !video);
  }

  private remove(key: string): void {
    const tile = this.tiles.get(key);
    if (!tile) return;
    tile.video.srcObject = null;
    tile.element.remove();
    this.tiles.delete(key);
    this.layout();
  }

  private tile(key: string, name: string, kind: 'self' | 'camera' | 'screen'): Tile {
    const existing = this.tiles.get(key);
    if (existing) {
      existing.label.textContent = name;
      return existing;
    }
    const video = el('video');
    video.autoplay = true;
    video.playsInline = true;
    const label = el('span', { class: 'name', text: name });
    const dot = el('span', { class: 'quality' });
    const badge = el('button', { class: 'quality-button', attrs: { type: 'button', 'aria-expanded': 'false' } }, dot);
    badge.hidden = true;
    badge.addEventListener('click', () => {
      const open = badge.getAttribute('aria-expanded') !== 'true';
      badge.setAttribute('aria-expanded', String(open));
      if (tile.graph) tile.graph.element.hidden = !open;
    });
    const placeholder = el(
      'div',
      { class: 'placeholder', attrs: { 'aria-hidden': 'true' } },
      el('span', { class: 'avatar', text: initial(name) }),
    );
    const element = el(
      'figure',
      { class: `tile ${kind}` },
      video,
      placeholder,
      el(
        'figcaption',
        {},
        el('span', { class: 'mic-off', attrs: { title: 'Muted', 'aria-label': 'Muted' } }),
        label,
        badge,
      ),
    );
    const tile: Tile = { element, video, label, badge, dot, placeholder, graph: null };
    this.tiles.set(key, tile);
    // Screen shares go first: they are what everyone is looking at.
    if (kind === 'screen') this.element.prepend(element);
    else this.element.append(element);
    this.layout();
    return tile;
  }

  /** The tile count drives the CSS layout (columns per count, see style.css). */
  private layout(): void {
    this.element.dataset.count = String(Math.min(this.tiles.size, 9));
  }
}

export function displayName(peer: RemotePeer): string {
  return peer.name?.trim() || 'Guest';
}

function initial(name: string): string {
  const first = name.trim().codePointAt(0);
  return first === undefined ? '?' : String.fromCodePoint(first).toUpperCase();
}
