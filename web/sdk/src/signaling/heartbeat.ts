import { defaults } from '../defaults.js';

/**
 * Keeps a joined socket honest: a ping every interval, and the socket called lost when nothing at all
 * came from it for the timeout, since a half-open socket never closes by itself.
 */
export class Heartbeat {
  private lastReceivedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly now: () => number,
    private readonly actions: { readonly ping: () => void; readonly silent: () => void },
  ) {}

  /** Anything arrived on the socket. */
  received(): void {
    this.lastReceivedAt = this.now();
  }

  /** (Re)starts the beat; the socket must stop it when it goes. */
  start(): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.now() - this.lastReceivedAt >= defaults.heartbeatTimeoutMs) {
        this.actions.silent();
        return;
      }
      this.actions.ping();
      this.start();
    }, defaults.heartbeatIntervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
