import { describe, expect, it } from 'vitest';
import { planWelcome } from '../src/room/plan.js';

const peer = (id: string, name: string | null = null) => ({ peerId: id, name });

describe('reconciling links with a welcome', () => {
  it('joins everyone on the first welcome', () => {
    expect(planWelcome([], [peer('a', 'Ada'), peer('b')], false)).toEqual({
      join: [peer('a', 'Ada'), peer('b')],
      keep: [],
      rebuild: [],
      replace: [],
      unconfirmed: [],
      drop: [],
    });
  });

  it('on resume keeps live links, rebuilds broken ones, adds newcomers', () => {
    const plan = planWelcome(
      [
        { peerId: 'a', healthy: true },
        { peerId: 'b', healthy: false },
      ],
      [peer('a'), peer('b'), peer('c')],
      true,
    );
    expect(plan.keep).toEqual([peer('a')]);
    expect(plan.rebuild).toEqual([peer('b')]);
    expect(plan.join).toEqual([peer('c')]);
    expect(plan.drop).toEqual([]);
  });

  it('on resume keeps a live link to a peer not back yet (server restart), drops a dead one', () => {
    const plan = planWelcome(
      [
        { peerId: 'a', healthy: true },
        { peerId: 'b', healthy: false },
      ],
      [],
      true,
    );
    expect(plan.unconfirmed).toEqual(['a']);
    expect(plan.drop).toEqual(['b']);
  });

  it('with a new identity replaces links to peers still here and drops the rest', () => {
    const plan = planWelcome(
      [
        { peerId: 'a', healthy: true },
        { peerId: 'b', healthy: true },
      ],
      [peer('a', 'Ada'), peer('c')],
      false,
    );
    expect(plan.replace).toEqual([peer('a', 'Ada')]);
    expect(plan.drop).toEqual(['b']);
    expect(plan.join).toEqual([peer('c')]);
    expect(plan.keep).toEqual([]);
    expect(plan.unconfirmed).toEqual([]);
  });
});
