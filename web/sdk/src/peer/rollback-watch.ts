import { defaults } from '../defaults.js';
import { ParleyError } from '../errors.js';
import { sampleReceivers, stuckReceivers } from './stuck-receivers.js';

export interface RollbackWatchOptions {
  readonly peerId: string;
  /** The call was up when the collision happened (receivers worth watching). */
  readonly midCall: boolean;
  /** The connection is still the link's current one. */
  current(): boolean;
  /** Called at most once, with what is wrong: the connection must be rebuilt. */
  repair(error: ParleyError): void;
}

/**
 * Chromium can leave two kinds of damage after rolling back an offer (the polite side of a
 * collision), neither of which the connection repairs by itself: ICE that never starts (see
 * defaults.ice.rollbackIceStartMs) and receivers stuck muted while their packets arrive (see
 * stuck-receivers.ts). Watches a connection for both after one rollback. The receivers are
 * sampled every interval over a window, not once, because the negotiation the collision
 * delayed may add the receiver that gets stuck only seconds later (a screen share, over a
 * slow signaling path).
 */
export function watchAfterRollback(pc: RTCPeerConnection, options: RollbackWatchOptions): void {
  const { rollbackIceStartMs, rollbackCheckDelayMs, rollbackCheckIntervalMs, rollbackCheckWindowMs } = defaults.ice;
  let repaired = false;
  const repair = (message: string): void => {
    if (repaired || !options.current()) return;
    repaired = true;
    options.repair(new ParleyError('negotiation-failed', message, { peerId: options.peerId }));
  };
  const watching = (): boolean => !repaired && options.current();

  void sleep(rollbackIceStartMs).then(() => {
    if (pc.iceConnectionState === 'new')
      repair(`ICE to ${options.peerId} did not start after an offer collision; reconnecting`);
  });

  if (!options.midCall) return;
  void (async () => {
    await sleep(rollbackCheckDelayMs);
    if (!watching()) return;
    let before = await sampleReceivers(pc);
    for (let waited = 0; waited < rollbackCheckWindowMs; waited += rollbackCheckIntervalMs) {
      await sleep(rollbackCheckIntervalMs);
      if (!watching()) return;
      const after = await sampleReceivers(pc);
      const stuck = stuckReceivers(before, after);
      if (stuck.length > 0) {
        repair(`after an offer collision ${stuck.length} track(s) from ${options.peerId} stayed muted; reconnecting`);
        return;
      }
      before = after;
    }
  })().catch(() => undefined); // the connection closed under getStats: nothing left to repair
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
