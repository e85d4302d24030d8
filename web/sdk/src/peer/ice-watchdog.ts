import { defaults } from '../defaults.js';

/** What the watchdog asks its peer link to do. */
export type IceAction = 'restart-ice' | 'rebuild' | 'give-up';

export interface IceTimings {
  readonly disconnectedGraceMs: number;
  readonly restartTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly politeFallbackMs: number;
  readonly maxRebuilds: number;
}

/**
 * Watches one pair's ICE state and decides how to heal it, one step at a time:
 *
 * 1. `disconnected` for `disconnectedGraceMs`, or `failed`: restart ICE (impolite side only:
 *    its offer carries the restart; the polite side just answers it).
 * 2. Still not connected `restartTimeoutMs` after the restart, or a new connection not
 *    connected within `connectTimeoutMs`: rebuild the peer connection from scratch.
 * 3. After `maxRebuilds` rebuilds without reaching `connected`: give up.
 *
 * The polite side does not restart ICE; it rebuilds only as a fallback, `politeFallbackMs`
 * after the impolite side would have, in case that side cannot act.
 *
 * Contract: single-threaded; `act` is called synchronously from a timer or from `update`.
 */
export class IceWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private phase: 'idle' | 'connecting' | 'healthy' | 'grace' | 'restarting' | 'stopped' = 'idle';
  private rebuilds = 0;

  constructor(
    private readonly polite: boolean,
    private readonly act: (action: IceAction) => void,
    private readonly timings: IceTimings = defaults.ice,
  ) {}

  /** A new peer connection was created (first, or rebuilt by either side). */
  start(): void {
    if (this.phase === 'stopped') return;
    this.phase = 'connecting';
    this.arm(this.timings.connectTimeoutMs, () => this.rebuild());
  }

  /** Feed every `iceconnectionstatechange` here. */
  update(state: RTCIceConnectionState): void {
    switch (state) {
      case 'connected':
      case 'completed':
        if (this.phase === 'stopped') return;
        this.disarm();
        this.phase = 'healthy';
        this.rebuilds = 0;
        return;
      case 'disconnected':
        if (this.phase === 'healthy') {
          this.phase = 'grace';
          this.arm(this.timings.disconnectedGraceMs, () => this.restart());
        }
        return;
      case 'failed':
        if (this.phase === 'healthy' || this.phase === 'grace' || this.phase === 'connecting') {
          this.restart();
        }
        return;
      case 'closed':
        this.disarm();
        return;
      case 'new':
      case 'checking':
        return;
      default:
        return;
    }
  }

  /** For good: the link is closed. */
  stop(): void {
    this.disarm();
    this.phase = 'stopped';
  }

  private restart(): void {
    this.phase = 'restarting';
    if (this.polite) {
      this.arm(this.timings.restartTimeoutMs + this.timings.politeFallbackMs, () => this.rebuild());
      return;
    }
    this.arm(this.timings.restartTimeoutMs, () => this.rebuild());
    this.act('restart-ice');
  }

  private rebuild(): void {
    if (this.rebuilds >= this.timings.maxRebuilds) {
      // Wait for outside help (the peer re-announcing itself) with a fresh budget.
      this.disarm();
      this.phase = 'idle';
      this.rebuilds = 0;
      this.act('give-up');
      return;
    }
    this.rebuilds += 1;
    this.phase = 'idle';
    this.disarm();
    // The link answers by creating a new connection and calling start().
    this.act('rebuild');
  }

  private arm(ms: number, fire: () => void): void {
    this.disarm();
    const delay = this.polite && this.phase === 'connecting' ? ms + this.timings.politeFallbackMs : ms;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      fire();
    }, delay);
  }

  private disarm(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
