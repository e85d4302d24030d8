import type { PeerStats } from '@parley/sdk';

export type QualityLevel = 'good' | 'fair' | 'poor';

/**
 * A coarse verdict from round-trip time and loss. The thresholds follow the usual rules of
 * thumb for interactive calls: under 150 ms and 2 % loss nobody notices; past 400 ms or
 * 8 % loss conversation suffers. Null until the first numbers are in.
 */
export function qualityOf(stats: PeerStats): QualityLevel | null {
  const rtt = stats.roundTripTimeMs;
  const loss = stats.packetLoss;
  if (rtt === null && loss === null) return null;
  if ((rtt ?? 0) > 400 || (loss ?? 0) > 0.08) return 'poor';
  if ((rtt ?? 0) > 150 || (loss ?? 0) > 0.02) return 'fair';
  return 'good';
}

export function describeStats(stats: PeerStats): string {
  const parts: string[] = [];
  if (stats.roundTripTimeMs !== null) parts.push(`${Math.round(stats.roundTripTimeMs)} ms round trip`);
  if (stats.packetLoss !== null) parts.push(`${(stats.packetLoss * 100).toFixed(1)} % loss`);
  if (stats.bitrateIn !== null) parts.push(`${formatRate(stats.bitrateIn)} in`);
  if (stats.bitrateOut !== null) parts.push(`${formatRate(stats.bitrateOut)} out`);
  if (stats.path) parts.push(stats.path === 'relayed' ? 'via relay' : 'direct');
  return parts.join(' · ');
}

export function formatRate(bitsPerSecond: number): string {
  return bitsPerSecond >= 1_000_000
    ? `${(bitsPerSecond / 1_000_000).toFixed(1)} Mbit/s`
    : `${Math.round(bitsPerSecond / 1000)} kbit/s`;
}
