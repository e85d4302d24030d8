import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from '../src/signaling/backoff.js';
import { TokenBucket } from '../src/signaling/pacer.js';

describe('exponential backoff with full jitter', () => {
  it('draws each delay from [0, min(max, base·2^attempt))', () => {
    const top = exponentialBackoff({
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      giveUpAfterMs: 60_000,
      random: () => 0.999999,
    });
    expect([0, 1, 2, 3, 4, 5].map((n) => top.nextDelay(n, 0))).toEqual([99, 199, 399, 799, 999, 999]);
    const bottom = exponentialBackoff({ baseDelayMs: 100, maxDelayMs: 1_000, giveUpAfterMs: 60_000, random: () => 0 });
    expect(bottom.nextDelay(7, 0)).toBe(0);
  });

  it('spreads delays over the whole window (jitter)', () => {
    const values = [0.1, 0.5, 0.9];
    let i = 0;
    const policy = exponentialBackoff({
      baseDelayMs: 1_000,
      maxDelayMs: 8_000,
      giveUpAfterMs: 60_000,
      random: () => values[i++ % 3] as number,
    });
    expect([policy.nextDelay(3, 0), policy.nextDelay(3, 0), policy.nextDelay(3, 0)]).toEqual([800, 4_000, 7_200]);
  });

  it('stays bounded for huge attempt counts', () => {
    const policy = exponentialBackoff({
      baseDelayMs: 100,
      maxDelayMs: 5_000,
      giveUpAfterMs: 60_000,
      random: () => 0.5,
    });
    expect(policy.nextDelay(5_000, 0)).toBe(2_500);
  });

  it('gives up once the outage lasted giveUpAfterMs', () => {
    const policy = exponentialBackoff({
      baseDelayMs: 100,
      maxDelayMs: 5_000,
      giveUpAfterMs: 30_000,
      random: () => 0.5,
    });
    expect(policy.nextDelay(3, 29_999)).not.toBeNull();
    expect(policy.nextDelay(3, 30_000)).toBeNull();
  });

  it('never sleeps past the deadline', () => {
    const policy = exponentialBackoff({
      baseDelayMs: 1_000,
      maxDelayMs: 10_000,
      giveUpAfterMs: 30_000,
      random: () => 0.99,
    });
    expect(policy.nextDelay(10, 29_000)).toBe(1_000);
  });

  it('refuses nonsense settings', () => {
    expect(() => exponentialBackoff({ baseDelayMs: 0 })).toThrow(RangeError);
    expect(() => exponentialBackoff({ baseDelayMs: 500, maxDelayMs: 100 })).toThrow(RangeError);
  });
});

describe('token bucket', () => {
  it('allows a burst, then the steady rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    expect(bucket.msUntilNext()).toBe(100);
    now = 99;
    expect(bucket.tryTake()).toBe(false);
    now = 100;
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  it('refills up to the burst and no further', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    bucket.tryTake();
    bucket.tryTake();
    now = 10_000;
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
  });
});
