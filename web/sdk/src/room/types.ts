import type { MediaState } from '../chat/envelope.js';
import type { ParleyError } from '../errors.js';
import type { FileTransfer } from '../files/transfer.js';
import type { TrackRequest } from '../media/acquire.js';
import type { PeerState, TrackSource } from '../peer/peer-link.js';
import type { UnreachableCause } from '../peer/reachability.js';
import type { MediaMode, PeerLeftReason } from '../protocol/messages.js';
import type { ReconnectPolicy } from '../signaling/backoff.js';
import type { PeerStats } from '../stats/stats.js';
import type { WebSocketLike } from '../signaling/options.js';

/**
 * - `idle`: not connected yet.
 * - `connecting`: the first connection and join are under way.
 * - `connected`: in the room; signaling works.
 * - `reconnecting`: signaling was lost and is being restored; calls already up go on.
 * - `closed`: left, refused (see the error), or gave up. A closed room stays closed.
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface ConnectOptions {
  /** The signaling endpoint: `wss://host/ws`, `https://host`, or relative; default `/ws` of the page. */
  readonly url?: string;
  /** 1–64 characters of A-Z a-z 0-9 . _ ~ - */
  readonly room: string;
  /** Display name, at most 64 characters, shown to the others as text. */
  readonly name?: string;
  /** An access token, for servers that require one. */
  readonly token?: string;
  /** Replaces the ICE servers the server hands out (its STUN/TURN with fresh credentials). */
  readonly iceServers?: readonly RTCIceServer[];
  /** `relay` forces every connection through TURN (for testing TURN, or for privacy). */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /**
   * What to capture on connect; default microphone and camera. `false` joins receive-only.
   * `{stream}` sends the tracks of a stream the app already has (a pre-join preview); the
   * room takes those tracks over and stops them when it closes.
   * Devices that are missing or refused are reported as `error` events; the call goes on.
   */
  readonly media?:
    false | { readonly audio?: TrackRequest; readonly video?: TrackRequest } | { readonly stream: MediaStream };
  /** How to retry after signaling is lost; default exponential backoff with full jitter. */
  readonly reconnectPolicy?: ReconnectPolicy;
}

/** Hooks for tests and unusual environments; browsers need none. */
export interface RoomEnvironment {
  readonly createSocket?: (url: string) => WebSocketLike;
  readonly createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
  readonly mediaDevices?: () => MediaDevices | undefined;
}

/** Someone else in the room. The room updates these fields; treat them as read-only. */
export interface RemotePeer {
  readonly id: string;
  /** Display name, or null. Show it as text, never as HTML. */
  readonly name: string | null;
  readonly state: PeerState;
  /** What the peer says it sends (null until its chat channel opens). */
  readonly media: MediaState | null;
  /** Its tracks we receive now. */
  readonly tracks: readonly RemoteTrackInfo[];
}

export interface RemoteTrackInfo {
  readonly track: MediaStreamTrack;
  /** Attach this to a <video>/<audio> element (`srcObject`). Camera and microphone share one. */
  readonly stream: MediaStream;
  readonly source: TrackSource;
}

export interface ChatMessage {
  readonly id: string;
  /** Sender's peer id (ours for messages we sent). */
  readonly from: string;
  readonly fromName: string | null;
  /** Null when sent to everyone; the recipient's id for a private message. */
  readonly to: string | null;
  readonly text: string;
  /** Sender's clock, milliseconds since the epoch. */
  readonly sentAt: number;
}

export interface LocalMediaInfo {
  readonly microphone: MediaStreamTrack | null;
  readonly camera: MediaStreamTrack | null;
  readonly screen: MediaStreamTrack | null;
  /** Microphone and camera; show it muted as a self-view. */
  readonly stream: MediaStream | null;
  readonly screenStream: MediaStream | null;
  readonly state: MediaState;
}

export type FilePhase = 'started' | 'complete' | 'cancelled' | 'failed';

export type PeerGoneReason = PeerLeftReason | 'lost' | (string & {});

export interface RoomEvents {
  'connection-state': {
    readonly state: ConnectionState;
    readonly previous: ConnectionState;
    readonly error: ParleyError | null;
  };
  /** A welcome: first join, resume (`resumed`), or a fresh rejoin after the session was lost. */
  joined: { readonly peerId: string; readonly room: string; readonly resumed: boolean };
  'peer-joined': { readonly peer: RemotePeer };
  /** `lost`: the SDK dropped the peer itself (its session ended while we were away). */
  'peer-left': { readonly peer: RemotePeer; readonly reason: PeerGoneReason };
  'peer-state': { readonly peer: RemotePeer; readonly state: PeerState };
  /**
   * Media to this peer has got nowhere for about 15 s (`defaults.ice.unreachableAfterMs`), at the
   * start of a call or after a drop; the SDK keeps trying meanwhile. `cause` tells what this side
   * saw (see UnreachableCause): typically a network that blocks calls.
   */
  'peer-unreachable': { readonly peer: RemotePeer; readonly cause: UnreachableCause };
  /** Media to this peer connected after a `peer-unreachable`. */
  'peer-reachable': { readonly peer: RemotePeer };
  'peer-media': { readonly peer: RemotePeer; readonly media: MediaState };
  track: { readonly peer: RemotePeer } & RemoteTrackInfo;
  'track-removed': { readonly peer: RemotePeer } & RemoteTrackInfo;
  'local-media': LocalMediaInfo;
  /** A chat message from someone else (our own are returned by sendMessage). */
  message: ChatMessage;
  /** A file transfer started or ended, in either direction. */
  file: { readonly transfer: FileTransfer; readonly phase: FilePhase };
  'file-progress': { readonly transfer: FileTransfer };
  /** Per connected peer, every second, while someone listens. */
  stats: { readonly peer: RemotePeer; readonly stats: PeerStats };
  /** The room turned SFU (media through the server), or, after a lost session, back to mesh. */
  'media-mode': { readonly mode: MediaMode };
  /**
   * The room's dominant speaker changed (SFU rooms): `peer` is null when it is us (compare
   * `peerId` with `room.peerId`) or when no one speaks (`peerId` null).
   */
  speaker: { readonly peerId: string | null; readonly peer: RemotePeer | null };
  error: ParleyError;
}
