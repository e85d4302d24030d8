import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReachabilityWatch, type UnreachableCause } from '../src/peer/reachability.js';

describe('reachability watch', () => {
  let said: (UnreachableCause | 'reachable')[];
  let watch: ReachabilityWatch;
  beforeEach(() => {
    vi.useFakeTimers();
    said = [];
    watch = new ReachabilityWatch(
      15_000,
      (cause) => said.push(cause),
      () => said.push('reachable'),
    );
  });
  afterEach(() => vi.useRealTimers());

  it('says nothing when ICE connects in time', () => {
    watch.connecting();
    vi.advanceTimersByTime(14_999);
    watch.connected();
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual([]);
  });

  it('blames TURN when no relay candidate was gathered', () => {
    watch.connecting();
    watch.candidate('host');
    watch.candidate('srflx');
    vi.advanceTimersByTime(15_000);
    expect(said).toEqual(['no-relay']);
  });

  it('blames the route when relay candidates came but no pair connected', () => {
    watch.connecting();
    watch.candidate('relay');
    vi.advanceTimersByTime(15_000);
    expect(said).toEqual(['no-route']);
  });

  it('says it once per stretch, however often ICE fails and restarts within it', () => {
    watch.connecting();
    vi.advanceTimersByTime(15_000);
    watch.connecting(); // a rebuilt connection, still nowhere
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual(['no-relay']);
  });

  it('says when it connects after all, and starts over on the next drop', () => {
    watch.connecting();
    vi.advanceTimersByTime(15_000);
    watch.connected();
    watch.connecting(); // the network drops mid-call
    watch.candidate('relay');
    vi.advanceTimersByTime(15_000);
    expect(said).toEqual(['no-relay', 'reachable', 'no-route']);
  });

  it('a relay candidate of an earlier connection of the stretch counts', () => {
    watch.connecting();
    watch.candidate('relay');
    watch.connecting(); // rebuilt: its gathering has not produced a relay yet
    vi.advanceTimersByTime(15_000);
    expect(said).toEqual(['no-route']);
  });

  it('is silent once stopped', () => {
    watch.connecting();
    watch.stop();
    vi.advanceTimersByTime(60_000);
    watch.connected();
    expect(said).toEqual([]);
  });
});
