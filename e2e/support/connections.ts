// A page's own peer connections and the paths ICE chose for them, read from the browser's
// getStats rather than the SDK's: in an SFU room the SDK reports per remote peer, while the path
// is the publish and subscribe connections' own.
import type { BrowserContext, Page } from '@playwright/test';

/** The selected candidate pair of one connection of the page. */
export interface SelectedPath {
  readonly connectionState: RTCPeerConnectionState;
  readonly local: string | null;
  readonly remote: string | null;
  readonly relayProtocol: string | null;
}

/**
 * Keeps every peer connection the context's pages make, from before their scripts run; with
 * `relayOnly`, each is made with iceTransportPolicy "relay", whatever the app asks for, so that
 * its media can only go through TURN.
 */
export async function recordConnections(context: BrowserContext, relayOnly = false): Promise<void> {
  await context.addInitScript((relay: boolean) => {
    const Native = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (window as unknown as { __connections: RTCPeerConnection[] }).__connections = made;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(relay ? { ...config, iceTransportPolicy: 'relay' } : config);
        made.push(this);
      }
    };
  }, relayOnly);
}

/** The selected pair of each connection the page has not closed, in the order they were made. */
export function selectedPaths(page: Page): Promise<SelectedPath[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __connections: RTCPeerConnection[] }).__connections;
    const open = connections.filter((pc) => pc.connectionState !== 'closed');
    return Promise.all(
      open.map(async (pc) => {
        const report = await pc.getStats();
        const byId = new Map<string, Record<string, unknown>>();
        report.forEach((s: Record<string, unknown>) => byId.set(s.id as string, s));
        let pair: Record<string, unknown> | undefined;
        report.forEach((s: Record<string, unknown>) => {
          if (s.type === 'transport' && s.selectedCandidatePairId) pair = byId.get(s.selectedCandidatePairId as string);
        });
        const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
        const remote = pair ? byId.get(pair.remoteCandidateId as string) : undefined;
        return {
          connectionState: pc.connectionState,
          local: (local?.candidateType as string | undefined) ?? null,
          remote: (remote?.candidateType as string | undefined) ?? null,
          relayProtocol: (local?.relayProtocol as string | undefined) ?? null,
        };
      }),
    );
  });
}
