import { defaults } from '../defaults.js';
import type { SignalMessage } from '../protocol/messages.js';
import { TokenBucket } from './pacer.js';

export interface OutboxHooks {
  /** Whether this signal can go out now (joined, socket open, room to its peer). */
  canSend(signal: SignalMessage): boolean;
  send(signal: SignalMessage): void;
  /** The queue overflowed and was emptied: `count` signals are lost. */
  dropped(count: number): void;
}

/**
 * Outgoing signals in order: sent at once while the session is up and the pacer allows,
 * queued otherwise (while the socket is away, or past the burst). A queue that would pass its
 * limit is emptied whole, since a negotiation missing some of its signals is worse than none.
 *
 * Contract: single-threaded; `pump()` again whenever `canSend()` may have become true.
 */
export class SignalOutbox {
  private readonly queue: SignalMessage[] = [];
  private readonly bucket: TokenBucket;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly hooks: OutboxHooks,
    now: () => number,
  ) {
    this.bucket = new TokenBucket(defaults.signalRatePerSecond, defaults.signalBurst, now);
  }

  push(signal: SignalMessage): void {
    if (this.queue.length >= defaults.signalQueueLimit) {
      const count = this.queue.length;
      this.queue.length = 0;
      this.hooks.dropped(count);
    }
    this.queue.push(signal);
    this.pump();
  }

  /** Puts signals (resends) before everything queued, in their order, and sends what it can. */
  pushFront(signals: readonly SignalMessage[]): void {
    this.queue.unshift(...signals);
    this.pump();
  }

  /** Sends queued signals as fast as the pacer allows, while the hooks say it can. */
  pump(): void {
    if (this.timer !== undefined) {
      return; // a pump is already scheduled
    }
    while (this.queue.length > 0 && this.hooks.canSend(this.queue[0] as SignalMessage)) {
      if (!this.bucket.tryTake()) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, this.bucket.msUntilNext());
        return;
      }
      this.hooks.send(this.queue.shift() as SignalMessage);
    }
  }

  /** Stops a scheduled pump (the socket went); the queue stays for the next one. */
  pause(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Forgets every queued signal. */
  clear(): void {
    this.pause();
    this.queue.length = 0;
  }
}
