import { defaults } from '../defaults.js';

/**
 * Decides when to try reconnecting again, and when to stop trying. Called once per failed
 * attempt; `attempt` counts the failures of the current outage from 0, `elapsedMs` is how long
 * the outage has lasted.
 */
export interface ReconnectPolicy {
  /** Milliseconds to wait before the next attempt, or `null` to give up. */
  nextDelay(attempt: number, elapsedMs: number): number | null;
}

export interface BackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Stop once the outage has lasted this long. */
  readonly giveUpAfterMs: number;
  /** A number in [0, 1); injectable so tests can pin the jitter. */
  readonly random: () => number;
}

/**
 * Exponential backoff with "full jitter": wait a uniformly random time between 0 and
 * min(max, base · 2^attempt). Spreading retries over the whole interval keeps a room full of
 * clients from reconnecting to a restarted server in lockstep.
 */
export function exponentialBackoff(options: Partial<BackoffOptions> = {}): ReconnectPolicy {
  const baseDelayMs = options.baseDelayMs ?? defaults.reconnect.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? defaults.reconnect.maxDelayMs;
  const giveUpAfterMs = options.giveUpAfterMs ?? defaults.reconnect.giveUpAfterMs;
  const random = options.random ?? Math.random;
  if (!(baseDelayMs > 0) || !(maxDelayMs >= baseDelayMs) || !(giveUpAfterMs >= 0)) {
    throw new RangeError('backoff needs 0 < baseDelayMs <= maxDelayMs and giveUpAfterMs >= 0');
  }
  return {
    nextDelay(attempt: number, elapsedMs: number): number | null {
      if (elapsedMs >= giveUpAfterMs) {
        return null;
      }
      // 2^attempt overflows to Infinity for large attempts; min() keeps it bounded.
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt));
      const delay = Math.floor(random() * ceiling);
      // Never sleep past the deadline: the last attempt happens just before giving up.
      return Math.min(delay, Math.max(0, giveUpAfterMs - elapsedMs));
    },
  };
}
