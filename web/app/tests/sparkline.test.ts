import { describe, expect, it } from 'vitest';
import { niceScale, Series, sparklinePath } from '../src/call/sparkline.js';

describe('Series', () => {
  it('keeps the newest samples up to its capacity', () => {
    const series = new Series(3);
    for (const v of [1, 2, null, 4]) series.push(v);
    expect(series.samples).toEqual([2, null, 4]);
    expect(series.latest).toBe(4);
    expect(series.max).toBe(4);
    series.push(null);
    expect(series.latest).toBeNull();
  });

  it('is empty at first', () => {
    const series = new Series(5);
    expect(series.latest).toBeNull();
    expect(series.max).toBe(0);
  });
});

describe('sparklinePath', () => {
  it('spans the width with a full series, top at the scale', () => {
    expect(sparklinePath([0, 50, 100], 3, 100, 100, 20)).toBe('M0 20 L50 10 L100 0');
  });

  it('hugs the right edge while filling up', () => {
    expect(sparklinePath([10, 10], 5, 10, 40, 10)).toBe('M30 0 L40 0');
  });

  it('breaks the line at a missing sample and clamps to the box', () => {
    expect(sparklinePath([5, null, 30, -1], 4, 10, 30, 10)).toBe('M0 5 M20 0 L30 10');
  });

  it('draws nothing without samples, and a flat line at zero scale', () => {
    expect(sparklinePath([], 10, 1, 100, 10)).toBe('');
    expect(sparklinePath([0, 0], 2, 0, 10, 10)).toBe('M0 10 L10 10');
  });
});

describe('niceScale', () => {
  it.each([
    [730_000, 100_000, 1_000_000],
    [1_200_000, 100_000, 2_000_000],
    [3_100, 100_000, 100_000],
    [42, 50, 50],
    [51, 50, 100],
    [0, 50, 50],
  ])('%s with floor %s is %s', (max, floor, scale) => {
    expect(niceScale(max, floor)).toBe(scale);
  });
});
