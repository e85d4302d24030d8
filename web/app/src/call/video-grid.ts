import type { MediaState, PeerStats, RemotePeer, TrackSource } from '@parley/sdk';
import { el } from '../dom.js';
import { columnsFor, renderSize, tileOrder, type TileKey } from './grid-layout.js';
import { StatsGraph } from './stats-graph.js';

/** One tile: a person's camera (with their audio), or a screen share. */
interface Tile extends TileKey {
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

/** How big a remote video is shown, in device pixels (0×0 hidden), for the SFU's render hints. */
export type RenderSizeListener = (peerId: string, source: 'camera' | 'screen', width: number, height: number) => void;

/**
 * The responsive grid of video tiles. A peer gets a tile as soon as they join (showing their
 * initial until video arrives), so joining is visible even before media flows. Keys: the
 * self tile is `self`; a peer's camera tile is its peer id; a screen share is
 * `<peer id>/screen/<stream id>`. The columns are chosen for the largest tiles that fit the
 * grid's box (25 tiles stay legible); screens come first, then the active speaker, outlined.
 */
export class VideoGrid {
  readonly element = el('section', { class: 'grid', attrs: { 'aria-label': 'Participants' } });
  private readonly tiles = new Map<string, Tile>();
  private speaker: string | null = null;
  private readonly gridObserver: ResizeObserver | null;
  /** Each remote tile's video, watched for the size it is shown at. */
  private readonly videoObserver: ResizeObserver | null;

  constructor(private readonly onRenderSize: RenderSizeListener = () => undefined) {
    const observing = typeof ResizeObserver !== 'undefined';
    this.gridObserver = observing ? new ResizeObserver(() => this.layout()) : null;
    this.gridObserver?.observe(this.element);
    this.videoObserver = observing
      ? new ResizeObserver((entries) => {
          for (const entry of entries) this.reportSize((entry.target as HTMLElement).dataset.tile ?? '');
        })
      : null;
  }

  /** The active speaker: a peer id, `self`, or null. Their camera tile goes first, outlined. */
  setSpeaker(speaker: string | null): void {
    this.speaker = speaker;
    for (const tile of this.tiles.values()) {
      tile.element.classList.toggle('speaking', tile.kind !== 'screen' && (tile.peerId ?? tile.key) === speaker);
    }
    this.layout();
  }

  /** Stops watching sizes (the call ended). */
  dispose(): void {
    this.gridObserver?.disconnect();
    this.videoObserver?.disconnect();
  }

  showSelf(stream: MediaStream | null, name: string, media: MediaState): void {
    const tile = this.tile('self', `${name || 'You'} (you)`, 'self', null);
    tile.video.muted = true; // never hear yourself
    tile.element.classList.add('mirrored');
    if (tile.video.srcObject !== stream) tile.video.srcObject = stream;
    this.setMedia('self', media.audio, media.video && stream !== null && stream.getVideoTracks().length > 0);
  }

  addPeer(peer: RemotePeer): void {
    this.tile(peer.id, displayName(peer), 'camera', peer.id).element.dataset.peerId = peer.id;
    this.setMedia(peer.id, peer.media?.audio ?? true, peer.media?.video ?? false);
  }

  showTrack(peer: RemotePeer, stream: MediaStream, source: TrackSource): void {
    const key = source === 'screen' ? `${peer.id}/screen/${stream.id}` : peer.id;
    const label = source === 'screen' ? `${displayName(peer)} is presenting` : displayName(peer);
    const tile = this.tile(key, label, source === 'screen' ? 'screen' : 'camera', peer.id);
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
    const hidden = !video;
    if (tile.element.classList.contains('no-video') === hidden) return;
    tile.element.classList.toggle('no-video', hidden);
    this.reportSize(key);
  }

  /** Tells the room how big this tile's remote video is shown (0×0 without video). */
  private reportSize(key: string): void {
    const tile = this.tiles.get(key);
    if (!tile || tile.kind === 'self' || tile.peerId === null) return;
    const box = tile.video.getBoundingClientRect();
    const shown = !tile.element.classList.contains('no-video');
    const { width, height } = renderSize(box.width, box.height, globalThis.devicePixelRatio ?? 1, shown);
    this.onRenderSize(tile.peerId, tile.kind, width, height);
  }

  private remove(key: string): void {
    const tile = this.tiles.get(key);
    if (!tile) return;
    tile.video.srcObject = null;
    this.videoObserver?.unobserve(tile.video);
    tile.element.remove();
    this.tiles.delete(key);
    this.layout();
  }

  private tile(key: string, name: string, kind: 'self' | 'camera' | 'screen', peerId: string | null): Tile {
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
    const tile: Tile = { key, peerId, kind, element, video, label, badge, dot, placeholder, graph: null };
    this.tiles.set(key, tile);
    if (kind !== 'screen' && (peerId ?? key) === this.speaker) element.classList.add('speaking');
    this.element.append(element); // placed by the CSS order that layout() sets
    if (kind !== 'self') {
      video.dataset.tile = key;
      this.videoObserver?.observe(video);
    }
    this.layout();
    return tile;
  }

  /**
   * Columns for the largest tiles that fit the grid's box (style.css falls back to columns per
   * count, up to 9, before the box is known), and each tile's place by CSS `order`: moving a
   * playing <video> in the DOM would restart it.
   */
  private layout(): void {
    const count = this.tiles.size;
    this.element.dataset.count = String(Math.min(count, 9));
    const box = this.element.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) {
      this.element.style.setProperty('--cols', String(columnsFor(count, box.width - 24, box.height - 24)));
    }
    tileOrder([...this.tiles.values()], this.speaker).forEach((key, index) => {
      const tile = this.tiles.get(key);
      if (tile) tile.element.style.order = String(index);
    });
  }
}

export function displayName(peer: RemotePeer): string {
  return peer.name?.trim() || 'Guest';
}

function initial(name: string): string {
  const first = name.trim().codePointAt(0);
  return first === undefined ? '?' : String.fromCodePoint(first).toUpperCase();
}
