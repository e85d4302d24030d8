import type { ChatFrame } from '../chat/endpoint.js';
import type { MediaState } from '../chat/envelope.js';
import type { Emitter } from '../emitter.js';
import type { Transfer } from '../files/transfer.js';
import type { LocalTracks } from '../media/local-media.js';
import type { PeerInfo } from '../protocol/messages.js';
import type { PeerStats } from '../stats/stats.js';
import type { JsonObject } from '../util/json.js';
import type { PeerGoneReason, RemotePeer, RemoteTrackInfo, RoomEvents } from './types.js';

/** A remote peer's view as the room keeps it; the app sees it read-only. */
export type MutablePeer = { -readonly [K in keyof RemotePeer]: RemotePeer[K] } & { tracks: RemoteTrackInfo[] };

/**
 * The other peers of a room and how media and data reach them: a mesh of peer links
 * (`PeerRoster`) or the server's forwarding unit (`SfuRoster`). The room talks to whichever
 * its media mode calls for; both turn what happens into the same room events.
 */
export interface Members {
  readonly views: RemotePeer[];
  view(peerId: string): RemotePeer | null;
  /** Reconciles with the peers a welcome lists; `sameSession` when it resumed ours. */
  welcome(peers: readonly PeerInfo[], sameSession: boolean): void;
  joined(info: PeerInfo): void;
  remove(peerId: string, reason: PeerGoneReason): void;
  /** A relayed signal from a member. */
  signal(from: string, data: JsonObject): void;
  /** To everyone (`to` undefined) or one peer; a ParleyError for an unknown one. */
  sendChat(frame: ChatFrame, to: string | undefined): void;
  /** One transfer per peer it goes to; a ParleyError if one cannot start. */
  sendFile(file: Blob, name: string, to: string | undefined): Transfer[];
  setLocalMedia(tracks: LocalTracks, state: MediaState): void;
  getStats(peerId: string): Promise<PeerStats | null>;
  /** Emits `stats` for every connected peer. */
  sampleStats(): void;
  /** Negotiations may have lost signals (dropped, refused): start those over. */
  signalsLost(onlyUnconnected: boolean): void;
  /** Closes everything, silently: the room is closing. */
  clear(): void;
}

/** Turns a transfer's life into the room's `file` and `file-progress` events. */
export function reportTransfer(events: Emitter<RoomEvents>, transfer: Transfer): void {
  events.emit('file', { transfer, phase: 'started' });
  transfer.on('progress', () => events.emit('file-progress', { transfer }));
  transfer.on('end', () => {
    const phase = transfer.state === 'complete' ? 'complete' : transfer.state === 'cancelled' ? 'cancelled' : 'failed';
    events.emit('file', { transfer, phase });
  });
}
