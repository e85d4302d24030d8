/**
 * Why media to a peer gets nowhere, as far as this side can tell:
 * - `no-relay`: no relay candidate could be gathered: the TURN servers are unreachable from
 *   this network, refused the credentials, or none are configured. Behind a firewall that
 *   blocks UDP, the usual cause; TURN over TLS on port 443 gets through most such firewalls.
 * - `no-route`: relay candidates were gathered, yet no candidate pair connects: the other side's
 *   network is the likely obstacle, or a firewall between the TURN server and the peer.
 */
export type UnreachableCause = 'no-relay' | 'no-route';

/**
 * Watches one peer's ICE while it is not connected, and says once per such stretch when it has
 * got nowhere for `afterMs`; then says when it connects after all. Healing (ICE restarts,
 * rebuilds) goes on meanwhile: this only tells the person what is happening.
 *
 * Contract: single-threaded; the callbacks are called from a timer or from the feed methods.
 */
export class ReachabilityWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private relaySeen = false;
  private reported = false;
  private stopped = false;

  constructor(
    private readonly afterMs: number,
    private readonly onUnreachable: (cause: UnreachableCause) => void,
    private readonly onReachable: () => void,
  ) {}

  /** Not connected (a new connection, or one that dropped): starts the clock unless running. */
  connecting(): void {
    if (this.stopped || this.timer !== undefined || this.reported) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reported = true;
      this.onUnreachable(this.relaySeen ? 'no-route' : 'no-relay');
    }, this.afterMs);
  }

  /** Feed every local candidate gathered, of every connection of the stretch. */
  candidate(type: RTCIceCandidateType | null | undefined): void {
    if (type === 'relay') this.relaySeen = true;
  }

  /** ICE connected: the stretch is over. */
  connected(): void {
    this.disarm();
    this.relaySeen = false;
    if (this.reported) {
      this.reported = false;
      if (!this.stopped) this.onReachable();
    }
  }

  /** For good: the link is closed. */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private disarm(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
