import { describe, expect, it } from 'vitest';
import closeCodes from '../../../protocol/fixtures/close-codes.json';
import { closeCause } from '../src/protocol/index.js';

describe('close codes against the shared fixtures', () => {
  it.each(closeCodes.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    expect(closeCause(fixture.code, fixture.reason)).toBe(fixture.cause);
  });
});
