import type { PeerStats } from '@parley/sdk';
import { describe, expect, it } from 'vitest';
import { describeStats, qualityOf } from '../src/quality.js';

function stats(rtt: number | null, loss: number | null): PeerStats {
  return {
    timestamp: 0,
    roundTripTimeMs: rtt,
    bitrateIn: 1_500_000,
    bitrateOut: 300_000,
    packetLoss: loss,
    path: 'direct',
    localCandidateType: 'host',
    remoteCandidateType: 'host',
    protocol: 'udp',
    relayProtocol: null,
    bytesReceived: 0,
    bytesSent: 0,
    framesDecoded: 0,
    audioEnergy: 0,
  };
}

describe('quality', () => {
  it.each([
    [null, null, null],
    [20, 0, 'good'],
    [200, 0, 'fair'],
    [20, 0.05, 'fair'],
    [500, 0, 'poor'],
    [null, 0.1, 'poor'],
  ] as const)('rtt %s loss %s is %s', (rtt, loss, level) => {
    expect(qualityOf(stats(rtt, loss))).toBe(level);
  });

  it('describes the numbers', () => {
    expect(describeStats(stats(23.4, 0.001))).toBe(
      '23 ms round trip · 0.1 % loss · 1.5 Mbit/s in · 300 kbit/s out · direct',
    );
  });
});
