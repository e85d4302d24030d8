/** A peer connection's health, computed from getStats. `null` means "not known yet". */
export interface PeerStats {
  /** Time of the report, in the report's clock (milliseconds). */
  readonly timestamp: number;
  /** Current round-trip time of the selected ICE candidate pair. */
  readonly roundTripTimeMs: number | null;
  /** Bits per second received and sent over the connection (media and data), since the last sample. */
  readonly bitrateIn: number | null;
  readonly bitrateOut: number | null;
  /** Fraction (0–1) of incoming RTP packets lost since the last sample. */
  readonly packetLoss: number | null;
  /** `direct` (host, srflx, prflx) or `relayed` (through TURN, on either side). */
  readonly path: 'direct' | 'relayed' | null;
  readonly localCandidateType: string | null;
  readonly remoteCandidateType: string | null;
  /** Transport protocol of the selected pair: `udp` or `tcp`. */
  readonly protocol: string | null;
  /**
   * How this side reaches its TURN server when its end of the selected pair is a relay
   * candidate: `udp`, `tcp` or `tls` (from the candidate's `relayProtocol`); `null` otherwise.
   * `protocol` is then what the relay speaks to the peer, always `udp`, so this is the one that
   * says "relayed over TCP".
   */
  readonly relayProtocol: string | null;
  /**
   * Bytes over this connection so far, media and data. They keep counting across an ICE
   * restart; a connection rebuilt from scratch starts again from zero.
   */
  readonly bytesReceived: number;
  readonly bytesSent: number;
  /** Video frames decoded so far, all incoming video tracks together (grows while video plays). */
  readonly framesDecoded: number;
  /** Sum of `totalAudioEnergy` of incoming audio (grows while someone is audible). */
  readonly audioEnergy: number;
}

/** Counters kept between two samples to compute rates. */
export interface StatsSample {
  readonly timestamp: number;
  /** Running totals (see {@link PeerStats.bytesReceived}). */
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly packetsReceived: number;
  readonly packetsLost: number;
  /** What each stats object that counts bytes said, by id, so totals grow by differences only. */
  readonly byteCounters: ReadonlyMap<string, ByteCounter>;
}

interface ByteCounter {
  readonly received: number;
  readonly sent: number;
}

/** Anything with `forEach` over stats objects: an RTCStatsReport, or a Map in tests. */
export interface StatsReportLike {
  forEach(callback: (value: unknown) => void): void;
}

type Stat = Record<string, unknown>;

/**
 * Computes {@link PeerStats} from one getStats report and the previous sample (null for the
 * first). Works on Chromium's and Firefox's shapes: the selected pair comes from the transport's
 * `selectedCandidatePairId`, or a pair flagged `selected`, or the nominated succeeded pair.
 */
export function computeStats(
  report: StatsReportLike,
  previous: StatsSample | null,
): { stats: PeerStats; sample: StatsSample } {
  const byId = new Map<string, Stat>();
  const byType = new Map<string, Stat[]>();
  report.forEach((value) => {
    if (typeof value !== 'object' || value === null) return;
    const stat = value as Stat;
    if (typeof stat['id'] === 'string') byId.set(stat['id'], stat);
    const type = typeof stat['type'] === 'string' ? stat['type'] : '';
    byType.set(type, [...(byType.get(type) ?? []), stat]);
  });
  const transports = byType.get('transport') ?? [];
  const pairs = byType.get('candidate-pair') ?? [];
  const pair =
    transports.map((t) => byId.get(str(t['selectedCandidatePairId']) ?? '')).find((p) => p !== undefined) ??
    pairs.find((p) => p['selected'] === true) ??
    pairs.find((p) => p['nominated'] === true && p['state'] === 'succeeded') ??
    null;
  const local = pair ? byId.get(str(pair['localCandidateId']) ?? '') : undefined;
  const remote = pair ? byId.get(str(pair['remoteCandidateId']) ?? '') : undefined;
  const localType = local ? str(local['candidateType']) : null;
  const remoteType = remote ? str(remote['candidateType']) : null;

  // Chromium counts bytes (media and data) on the transport. Firefox does so only on candidate
  // pairs, and an ICE restart replaces the pairs with new ones that start from zero; so the
  // totals grow by what each counter added since the last sample, whichever counters come and go.
  const transport = transports.find((t) => num(t['bytesReceived']) !== null) ?? null;
  const counting = transport ? [transport] : pairs;
  const byteCounters = new Map<string, ByteCounter>();
  let bytesReceived = previous?.bytesReceived ?? 0;
  let bytesSent = previous?.bytesSent ?? 0;
  for (const stat of counting) {
    const id = str(stat['id']) ?? '';
    const now = { received: num(stat['bytesReceived']) ?? 0, sent: num(stat['bytesSent']) ?? 0 };
    const before = previous?.byteCounters.get(id) ?? { received: 0, sent: 0 };
    bytesReceived += Math.max(0, now.received - before.received);
    bytesSent += Math.max(0, now.sent - before.sent);
    byteCounters.set(id, now);
  }

  const inbound = byType.get('inbound-rtp') ?? [];
  const packetsReceived = sum(inbound, 'packetsReceived');
  const packetsLost = sum(inbound, 'packetsLost');
  const framesDecoded = sum(inbound, 'framesDecoded');
  const audioEnergy = sum(inbound, 'totalAudioEnergy');

  const timestamp =
    num(transport?.['timestamp']) ?? num(pair?.['timestamp']) ?? num([...byId.values()][0]?.['timestamp']) ?? 0;
  const sample: StatsSample = { timestamp, bytesReceived, bytesSent, packetsReceived, packetsLost, byteCounters };

  const seconds = previous ? (timestamp - previous.timestamp) / 1000 : 0;
  const rate = (now: number, before: number): number | null =>
    previous && seconds > 0 ? Math.max(0, ((now - before) * 8) / seconds) : null;
  let packetLoss: number | null = null;
  if (previous && inbound.length > 0) {
    const lost = Math.max(0, packetsLost - previous.packetsLost);
    const got = Math.max(0, packetsReceived - previous.packetsReceived);
    packetLoss = lost + got > 0 ? lost / (lost + got) : 0;
  }
  const rtt = num(pair?.['currentRoundTripTime']);
  return {
    sample,
    stats: {
      timestamp,
      roundTripTimeMs: rtt === null ? null : rtt * 1000,
      bitrateIn: rate(bytesReceived, previous?.bytesReceived ?? 0),
      bitrateOut: rate(bytesSent, previous?.bytesSent ?? 0),
      packetLoss,
      path: localType === null ? null : localType === 'relay' || remoteType === 'relay' ? 'relayed' : 'direct',
      localCandidateType: localType,
      remoteCandidateType: remoteType,
      protocol: local ? str(local['protocol']) : null,
      relayProtocol: local && localType === 'relay' ? str(local['relayProtocol']) : null,
      bytesReceived,
      bytesSent,
      framesDecoded,
      audioEnergy,
    },
  };
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function sum(stats: readonly Stat[], key: string): number {
  return stats.reduce((total, stat) => total + (num(stat[key]) ?? 0), 0);
}
