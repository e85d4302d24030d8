import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceWatchdog, type IceAction } from '../src/peer/ice-watchdog.js';

const timings = {
  disconnectedGraceMs: 3_000,
  restartTimeoutMs: 10_000,
  connectTimeoutMs: 20_000,
  politeFallbackMs: 15_000,
  maxRebuilds: 2,
};

describe('ICE watchdog', () => {
  let actions: IceAction[];
  beforeEach(() => {
    vi.useFakeTimers();
    actions = [];
  });
  afterEach(() => vi.useRealTimers());

  const impolite = (): IceWatchdog => {
    const dog = new IceWatchdog(false, (a) => actions.push(a), timings);
    dog.start();
    dog.update('checking');
    dog.update('connected');
    return dog;
  };

  it('rides out a short disconnection', () => {
    const dog = impolite();
    dog.update('disconnected');
    vi.advanceTimersByTime(2_999);
    dog.update('connected');
    vi.advanceTimersByTime(60_000);
    expect(actions).toEqual([]);
  });

  it('restarts ICE after a few seconds of disconnected', () => {
    const dog = impolite();
    dog.update('disconnected');
    vi.advanceTimersByTime(2_999);
    expect(actions).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(actions).toEqual(['restart-ice']);
  });

  it('restarts ICE at once on failed, and only once', () => {
    const dog = impolite();
    dog.update('failed');
    dog.update('failed');
    dog.update('disconnected');
    expect(actions).toEqual(['restart-ice']);
  });

  it('rebuilds when the restart does not heal, then gives up after the rebuild budget', () => {
    const dog = impolite();
    dog.update('failed');
    vi.advanceTimersByTime(10_000);
    expect(actions).toEqual(['restart-ice', 'rebuild']);
    dog.start(); // the link built a new connection
    vi.advanceTimersByTime(20_000);
    expect(actions).toEqual(['restart-ice', 'rebuild', 'rebuild']);
    dog.start();
    vi.advanceTimersByTime(20_000);
    expect(actions).toEqual(['restart-ice', 'rebuild', 'rebuild', 'give-up']);
    vi.advanceTimersByTime(100_000);
    expect(actions).toHaveLength(4);
  });

  it('resets the rebuild budget once connected', () => {
    const dog = impolite();
    dog.update('failed');
    vi.advanceTimersByTime(10_000);
    dog.start();
    dog.update('connected');
    dog.update('failed');
    vi.advanceTimersByTime(10_000);
    dog.start();
    vi.advanceTimersByTime(20_000);
    expect(actions).toEqual(['restart-ice', 'rebuild', 'restart-ice', 'rebuild', 'rebuild']);
  });

  it('on the polite side never restarts ICE, and rebuilds only as a late fallback', () => {
    const dog = new IceWatchdog(true, (a) => actions.push(a), timings);
    dog.start();
    dog.update('connected');
    dog.update('failed');
    vi.advanceTimersByTime(10_000 + 15_000 - 1);
    expect(actions).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(actions).toEqual(['rebuild']);
  });

  it('gives a new connection connectTimeoutMs (impolite) to come up', () => {
    const dog = new IceWatchdog(false, (a) => actions.push(a), timings);
    dog.start();
    dog.update('checking');
    vi.advanceTimersByTime(19_999);
    expect(actions).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(actions).toEqual(['rebuild']);
  });

  it('does nothing once stopped', () => {
    const dog = impolite();
    dog.update('disconnected');
    dog.stop();
    dog.start();
    dog.update('failed');
    vi.advanceTimersByTime(100_000);
    expect(actions).toEqual([]);
  });
});
