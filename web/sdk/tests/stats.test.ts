import { describe, expect, it } from 'vitest';
import { computeStats, type StatsSample } from '../src/stats/stats.js';

/** A getStats() report as Chromium shapes it (trimmed to the fields that matter here). */
function chromiumReport(
  t: number,
  counters: { rx: number; tx: number; got: number; lost: number },
  local = 'srflx',
  remote = 'host',
) {
  const stats = [
    {
      id: 'T01',
      type: 'transport',
      timestamp: t,
      bytesReceived: counters.rx,
      bytesSent: counters.tx,
      selectedCandidatePairId: 'CPabc',
      dtlsState: 'connected',
    },
    {
      id: 'CPxyz',
      type: 'candidate-pair',
      timestamp: t,
      localCandidateId: 'Ilocal2',
      remoteCandidateId: 'Iremote2',
      state: 'failed',
      nominated: false,
      currentRoundTripTime: 0.5,
    },
    {
      id: 'CPabc',
      type: 'candidate-pair',
      timestamp: t,
      localCandidateId: 'Ilocal1',
      remoteCandidateId: 'Iremote1',
      state: 'succeeded',
      nominated: true,
      currentRoundTripTime: 0.042,
      bytesReceived: 1,
      bytesSent: 1,
    },
    {
      id: 'Ilocal1',
      type: 'local-candidate',
      timestamp: t,
      candidateType: local,
      protocol: 'udp',
      address: '203.0.113.7',
      port: 50000,
    },
    {
      id: 'Iremote1',
      type: 'remote-candidate',
      timestamp: t,
      candidateType: remote,
      protocol: 'udp',
      address: '192.0.2.9',
      port: 40000,
    },
    { id: 'Ilocal2', type: 'local-candidate', timestamp: t, candidateType: 'relay', protocol: 'udp' },
    { id: 'Iremote2', type: 'remote-candidate', timestamp: t, candidateType: 'relay', protocol: 'udp' },
    {
      id: 'IT01V',
      type: 'inbound-rtp',
      kind: 'video',
      timestamp: t,
      packetsReceived: Math.round(counters.got * 0.75),
      packetsLost: Math.round(counters.lost * 0.75),
      framesDecoded: 100,
    },
    {
      id: 'IT01A',
      type: 'inbound-rtp',
      kind: 'audio',
      timestamp: t,
      totalAudioEnergy: 0.5,
      packetsReceived: Math.round(counters.got * 0.25),
      packetsLost: Math.round(counters.lost * 0.25),
    },
    { id: 'OT01V', type: 'outbound-rtp', kind: 'video', timestamp: t, packetsSent: 500, bytesSent: 1 },
    { id: 'RI01', type: 'remote-inbound-rtp', kind: 'video', timestamp: t, fractionLost: 0.01, roundTripTime: 0.04 },
  ];
  return new Map(stats.map((s) => [s.id, s]));
}

describe('peer stats from getStats', () => {
  it('reads RTT and path, with no rates on the first sample', () => {
    const { stats } = computeStats(chromiumReport(1_000, { rx: 10_000, tx: 20_000, got: 400, lost: 0 }), null);
    expect(stats).toEqual({
      timestamp: 1_000,
      roundTripTimeMs: 42,
      bitrateIn: null,
      bitrateOut: null,
      packetLoss: null,
      path: 'direct',
      localCandidateType: 'srflx',
      remoteCandidateType: 'host',
      protocol: 'udp',
      relayProtocol: null,
      bytesReceived: 10_000,
      bytesSent: 20_000,
      framesDecoded: 100,
      audioEnergy: 0.5,
    });
  });

  it('computes bitrates and loss from the deltas between two samples', () => {
    const first = computeStats(chromiumReport(1_000, { rx: 10_000, tx: 20_000, got: 400, lost: 0 }), null);
    const second = computeStats(chromiumReport(3_000, { rx: 260_000, tx: 520_000, got: 800, lost: 100 }), first.sample);
    // 250 000 bytes in 2 s = 1 Mbit/s; 500 000 bytes out = 2 Mbit/s; 100 lost of 500 = 20 %.
    expect(second.stats.bitrateIn).toBe(1_000_000);
    expect(second.stats.bitrateOut).toBe(2_000_000);
    expect(second.stats.packetLoss).toBeCloseTo(0.2, 10);
    expect(second.sample).toEqual({
      timestamp: 3_000,
      bytesReceived: 260_000,
      bytesSent: 520_000,
      packetsReceived: 800,
      packetsLost: 100,
      byteCounters: new Map([['T01', { received: 260_000, sent: 520_000 }]]),
    });
  });

  it('calls a path through TURN relayed, whichever side relays', () => {
    expect(computeStats(chromiumReport(1, { rx: 0, tx: 0, got: 0, lost: 0 }, 'relay', 'host'), null).stats.path).toBe(
      'relayed',
    );
    expect(computeStats(chromiumReport(1, { rx: 0, tx: 0, got: 0, lost: 0 }, 'host', 'relay'), null).stats.path).toBe(
      'relayed',
    );
    expect(computeStats(chromiumReport(1, { rx: 0, tx: 0, got: 0, lost: 0 }, 'prflx', 'srflx'), null).stats.path).toBe(
      'direct',
    );
  });

  it('says how a relay candidate reaches its TURN server, and nothing for other candidates', () => {
    const report = (candidateType: string, relayProtocol?: string) =>
      new Map<string, Record<string, unknown>>([
        ['t', { id: 't', type: 'transport', timestamp: 1, selectedCandidatePairId: 'p' }],
        ['p', { id: 'p', type: 'candidate-pair', timestamp: 1, localCandidateId: 'l', remoteCandidateId: 'r' }],
        [
          'l',
          {
            id: 'l',
            type: 'local-candidate',
            candidateType,
            protocol: 'udp',
            ...(relayProtocol ? { relayProtocol } : {}),
          },
        ],
        ['r', { id: 'r', type: 'remote-candidate', candidateType: 'srflx', protocol: 'udp' }],
      ]);
    expect(computeStats(report('relay', 'tcp'), null).stats).toMatchObject({
      path: 'relayed',
      protocol: 'udp',
      relayProtocol: 'tcp',
    });
    expect(computeStats(report('relay', 'tls'), null).stats.relayProtocol).toBe('tls');
    expect(computeStats(report('relay'), null).stats.relayProtocol).toBeNull();
    // Only a relay candidate has one; a stray field on another kind is not a relay.
    expect(computeStats(report('srflx', 'udp'), null).stats.relayProtocol).toBeNull();
  });

  it('reports zero loss when no packets moved, and never negative rates or shrinking totals after a reset', () => {
    const previous: StatsSample = {
      timestamp: 0,
      bytesReceived: 999_999,
      bytesSent: 999_999,
      packetsReceived: 10,
      packetsLost: 0,
      byteCounters: new Map([['T01', { received: 999_999, sent: 999_999 }]]),
    };
    const { stats } = computeStats(chromiumReport(1_000, { rx: 5, tx: 5, got: 10, lost: 0 }), previous);
    expect(stats.packetLoss).toBe(0);
    expect(stats.bitrateIn).toBe(0);
    expect(stats.bytesReceived).toBe(999_999);
  });

  it('finds the selected pair the Firefox way (selected flag, no transport stats)', () => {
    const report = new Map<string, Record<string, unknown>>([
      [
        'p1',
        {
          id: 'p1',
          type: 'candidate-pair',
          timestamp: 5,
          selected: true,
          state: 'succeeded',
          localCandidateId: 'l',
          remoteCandidateId: 'r',
          bytesReceived: 100,
          bytesSent: 50,
        },
      ],
      ['l', { id: 'l', type: 'local-candidate', candidateType: 'relay', protocol: 'tcp' }],
      ['r', { id: 'r', type: 'remote-candidate', candidateType: 'srflx' }],
    ]);
    const { stats } = computeStats(report, null);
    expect(stats).toMatchObject({
      path: 'relayed',
      protocol: 'tcp',
      bytesReceived: 100,
      bytesSent: 50,
      roundTripTimeMs: null,
      packetLoss: null,
    });
  });

  it('keeps counting bytes across a Firefox ICE restart, which starts a new pair from zero', () => {
    // Firefox counts bytes only on candidate pairs; after an ICE restart the old pair is gone
    // from the report and the new one starts from zero (seen with Firefox 153 ESR).
    const firefoxReport = (t: number, pairs: { id: string; rx: number; tx: number; selected: boolean }[]) =>
      new Map<string, Record<string, unknown>>([
        [
          't',
          {
            id: 't',
            type: 'transport',
            timestamp: t,
            dtlsState: 'connected',
            selectedCandidatePairId: pairs.find((p) => p.selected)?.id,
          },
        ],
        ...pairs.map((p): [string, Record<string, unknown>] => [
          p.id,
          {
            id: p.id,
            type: 'candidate-pair',
            timestamp: t,
            selected: p.selected,
            nominated: p.selected,
            state: 'succeeded',
            localCandidateId: 'l',
            remoteCandidateId: 'r',
            bytesReceived: p.rx,
            bytesSent: p.tx,
            currentRoundTripTime: 0.01,
          },
        ]),
        ['l', { id: 'l', type: 'local-candidate', candidateType: 'host', protocol: 'udp' }],
        ['r', { id: 'r', type: 'remote-candidate', candidateType: 'host', protocol: 'udp' }],
      ]);
    const first = computeStats(firefoxReport(1_000, [{ id: 'old', rx: 400_000, tx: 200_000, selected: true }]), null);
    const restarted = computeStats(
      firefoxReport(2_000, [{ id: 'new', rx: 25_000, tx: 5_000, selected: true }]),
      first.sample,
    );
    expect(restarted.stats).toMatchObject({
      bytesReceived: 425_000,
      bytesSent: 205_000,
      bitrateIn: 200_000,
      bitrateOut: 40_000,
    });
    // A pair that comes and goes (checked, not selected) is neither lost nor counted twice.
    const both = computeStats(
      firefoxReport(3_000, [
        { id: 'new', rx: 75_000, tx: 15_000, selected: true },
        { id: 'spare', rx: 1_000, tx: 1_000, selected: false },
      ]),
      restarted.sample,
    );
    expect(both.stats).toMatchObject({ bytesReceived: 476_000, bytesSent: 216_000 });
    const later = computeStats(
      firefoxReport(4_000, [{ id: 'new', rx: 125_000, tx: 25_000, selected: true }]),
      both.sample,
    );
    expect(later.stats).toMatchObject({
      bytesReceived: 526_000,
      bytesSent: 226_000,
      bitrateIn: 400_000,
      bitrateOut: 80_000,
    });
  });

  it('knows nothing before ICE selected a pair', () => {
    const { stats } = computeStats(
      new Map([['T', { id: 'T', type: 'transport', timestamp: 1, bytesReceived: 0, bytesSent: 0 }]]),
      null,
    );
    expect(stats.path).toBeNull();
    expect(stats.roundTripTimeMs).toBeNull();
  });
});
