import { describe, expect, it } from 'vitest';
import { stuckReceivers } from '../src/peer/stuck-receivers.js';

describe('stuckReceivers', () => {
  it('finds tracks muted in both samples while packets kept arriving', () => {
    const before = [
      { trackId: 'audio', muted: true, packetsReceived: 100 },
      { trackId: 'camera', muted: false, packetsReceived: 100 },
      { trackId: 'screen', muted: true, packetsReceived: 50 },
    ];
    const after = [
      { trackId: 'audio', muted: true, packetsReceived: 150 }, // stuck
      { trackId: 'camera', muted: false, packetsReceived: 160 }, // playing
      { trackId: 'screen', muted: true, packetsReceived: 50 }, // muted because nothing arrives: fine
    ];
    expect(stuckReceivers(before, after)).toEqual(['audio']);
  });

  it('ignores a track that unmuted, or one not sampled before', () => {
    expect(
      stuckReceivers(
        [{ trackId: 'a', muted: true, packetsReceived: 1 }],
        [
          { trackId: 'a', muted: false, packetsReceived: 9 },
          { trackId: 'b', muted: true, packetsReceived: 9 },
        ],
      ),
    ).toEqual([]);
  });
});
