import type { PeerInfo } from '../protocol/messages.js';

export interface LinkHealth {
  readonly peerId: string;
  /** The link's connection is up (or still being set up), not failed or closed. */
  readonly healthy: boolean;
}

/** What to do with our peer links when a welcome arrives. Every known peer is in one list. */
export interface WelcomePlan {
  /** Peers new to us: create a link, announce them. */
  readonly join: readonly PeerInfo[];
  /** Still here, link fine: nothing to do. */
  readonly keep: readonly PeerInfo[];
  /** Still here, link broken: rebuild it. */
  readonly rebuild: readonly PeerInfo[];
  /** Still here, but our peer id changed: their link to our old id is gone, so replace ours. */
  readonly replace: readonly PeerInfo[];
  /**
   * Not in the welcome, link fine: keep it but do not vouch for it. After a server restart the
   * peers come back one by one, so a peer missing now may re-announce itself in a moment.
   */
  readonly unconfirmed: readonly string[];
  /** Gone: close the link, announce that they left. */
  readonly drop: readonly string[];
}

/**
 * Reconciles our links with a welcome. `sameSession` is true when the welcome resumed the
 * session we had (same peer id); otherwise we are a new peer to everyone.
 */
export function planWelcome(
  links: readonly LinkHealth[],
  peers: readonly PeerInfo[],
  sameSession: boolean,
): WelcomePlan {
  const listed = new Map(peers.map((p) => [p.peerId, p]));
  const linked = new Map(links.map((l) => [l.peerId, l]));
  const plan = {
    join: [] as PeerInfo[],
    keep: [] as PeerInfo[],
    rebuild: [] as PeerInfo[],
    replace: [] as PeerInfo[],
    unconfirmed: [] as string[],
    drop: [] as string[],
  };
  for (const peer of peers) {
    const link = linked.get(peer.peerId);
    if (!link) plan.join.push(peer);
    else if (!sameSession) plan.replace.push(peer);
    else if (link.healthy) plan.keep.push(peer);
    else plan.rebuild.push(peer);
  }
  for (const link of links) {
    if (listed.has(link.peerId)) continue;
    if (sameSession && link.healthy) plan.unconfirmed.push(link.peerId);
    else plan.drop.push(link.peerId);
  }
  return plan;
}
