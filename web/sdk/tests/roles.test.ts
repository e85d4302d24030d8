import { describe, expect, it } from 'vitest';
import { isPolite } from '../src/protocol/roles.js';

describe('polite role per pair', () => {
  const ids = [
    'k3JqZ8f0T1uS2vW4xY6zAg',
    'Zq1x2c3v4b5n6m7a8s9d0f',
    'Pp1x2c3v4b5n6m7a8s9d0f',
    '-_AAAAAAAAAAAAAAAAAAAA',
    'zzzzzzzzzzzzzzzzzzzzzz',
    'a',
    'ab',
  ];

  it('gives exactly one side of every pair the polite role', () => {
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        expect(isPolite(a, b)).not.toBe(isPolite(b, a));
      }
    }
  });

  it('makes the smaller id polite', () => {
    expect(isPolite('Aa', 'a')).toBe(true); // 'A' (0x41) sorts before 'a' (0x61): no locale rules
    expect(isPolite('b', 'a')).toBe(false);
    expect(isPolite('a', 'ab')).toBe(true);
  });

  it('has no role towards itself', () => {
    expect(() => isPolite('x', 'x')).toThrow(RangeError);
  });
});
