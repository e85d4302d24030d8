import type { RenderMessage } from '../protocol/messages.js';

interface Size {
  readonly width: number;
  readonly height: number;
}

interface TrackHint {
  wanted: Size;
  sent: Size | null;
  sentAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The `render` hints of the forwarded video tracks: sent only when a track's size changes,
 * and at most once per `intervalMs` per track; a size set meanwhile waits, and only the last
 * one goes. A layout that settles after a burst of resizes costs one message per tile.
 *
 * Contract: single-threaded.
 */
export class RenderHints {
  private readonly hints = new Map<string, TrackHint>();

  constructor(
    private readonly send: (message: RenderMessage) => void,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The size (device pixels; 0x0 when not shown) the track is rendered at. */
  set(trackId: string, width: number, height: number): void {
    const wanted = { width: whole(width), height: whole(height) };
    const hint = this.hints.get(trackId) ?? { wanted, sent: null, sentAt: -Infinity, timer: undefined };
    this.hints.set(trackId, hint);
    hint.wanted = wanted;
    if (hint.timer !== undefined) return; // the pending send takes the latest size
    const wait = hint.sentAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush(trackId, hint);
    else hint.timer = setTimeout(() => this.flush(trackId, hint), wait);
  }

  /** The track is no longer forwarded. */
  forget(trackId: string): void {
    const hint = this.hints.get(trackId);
    if (hint?.timer !== undefined) clearTimeout(hint.timer);
    this.hints.delete(trackId);
  }

  clear(): void {
    for (const trackId of [...this.hints.keys()]) this.forget(trackId);
  }

  private flush(trackId: string, hint: TrackHint): void {
    hint.timer = undefined;
    const { wanted, sent } = hint;
    if (sent && sent.width === wanted.width && sent.height === wanted.height) return;
    hint.sent = wanted;
    hint.sentAt = this.now();
    this.send({ type: 'render', trackId, ...wanted });
  }
}

function whole(pixels: number): number {
  return Number.isFinite(pixels) && pixels > 0 ? Math.round(pixels) : 0;
}
