import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaults } from '../src/defaults.js';
import type { ParleyError } from '../src/errors.js';
import { watchAfterRollback } from '../src/peer/rollback-watch.js';

/** One receiving transceiver whose mute state and packet count the test sets over time. */
class FakeReceiver {
  muted = false;
  packets = 0;
  direction: RTCRtpTransceiverDirection | null = null;

  transceiver(): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read this fake's live fields
    const self = this;
    return {
      get currentDirection() {
        return self.direction;
      },
      receiver: {
        track: {
          id: 'screen',
          get muted() {
            return self.muted;
          },
        },
        getStats: async () => new Map([['in', { type: 'inbound-rtp', packetsReceived: self.packets }]]),
      },
    };
  }
}
let receiver: FakeReceiver;

function connection(iceConnectionState: RTCIceConnectionState = 'connected'): RTCPeerConnection {
  return { iceConnectionState, getTransceivers: () => [receiver.transceiver()] } as unknown as RTCPeerConnection;
}

function watch(pc: RTCPeerConnection, midCall = true): ParleyError[] {
  const repairs: ParleyError[] = [];
  watchAfterRollback(pc, { peerId: 'bob', midCall, current: () => true, repair: (error) => repairs.push(error) });
  return repairs;
}

describe('watchAfterRollback', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    receiver = new FakeReceiver();
  });
  afterEach(() => vi.useRealTimers());

  it('catches a receiver negotiated seconds after the collision that stays muted while packets arrive', async () => {
    const repairs = watch(connection());
    await vi.advanceTimersByTimeAsync(5_000);
    receiver.direction = 'recvonly';
    receiver.muted = true;
    for (let second = 0; second < 3; second++) {
      receiver.packets += 50;
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(repairs.map((error) => error.message)).toEqual([
      'after an offer collision 1 track(s) from bob stayed muted; reconnecting',
    ]);
  });

  it('leaves a receiver alone that plays, or that is muted because nothing arrives', async () => {
    receiver.direction = 'recvonly';
    const repairs = watch(connection());
    for (let second = 0; second < 5; second++) {
      receiver.packets += 50;
      await vi.advanceTimersByTimeAsync(1_000);
    }
    receiver.muted = true;
    await vi.advanceTimersByTimeAsync(defaults.ice.rollbackCheckWindowMs);
    expect(repairs).toEqual([]);
  });

  it('stops watching after its window', async () => {
    receiver.direction = 'recvonly';
    const repairs = watch(connection());
    await vi.advanceTimersByTimeAsync(defaults.ice.rollbackCheckDelayMs + defaults.ice.rollbackCheckWindowMs + 1_000);
    receiver.muted = true;
    for (let second = 0; second < 3; second++) {
      receiver.packets += 50;
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(repairs).toEqual([]);
  });

  it('repairs once when ICE never starts, and watches no receivers before the call was up', async () => {
    receiver.direction = 'recvonly';
    receiver.muted = true;
    const repairs = watch(connection('new'), false);
    for (let second = 0; second < 10; second++) {
      receiver.packets += 50;
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(repairs.map((error) => error.message)).toEqual([
      'ICE to bob did not start after an offer collision; reconnecting',
    ]);
  });
});
