/**
 * @parley/sdk — the browser side of Parley: join a room, call everyone in it (peer to peer in a
 * mesh, or through the server's forwarding unit in an SFU room), chat, send files, watch
 * connection quality. See docs/sdk.md. The wire
 * protocol itself is on the `@parley/sdk/protocol` subpath.
 */
export { Room, type NamedBlob } from './room/room.js';
export type {
  ChatMessage,
  ConnectOptions,
  ConnectionState,
  FilePhase,
  LocalMediaInfo,
  PeerGoneReason,
  RemotePeer,
  RemoteTrackInfo,
  RoomEnvironment,
  RoomEvents,
} from './room/types.js';
export type { PeerState, TrackSource } from './peer/peer-link.js';
export type { UnreachableCause } from './peer/reachability.js';
export type { MediaState } from './chat/envelope.js';
export type { DeviceKind } from './media/local-media.js';
export type { MediaMode, Permissions } from './protocol/messages.js';
export type { TrackRequest } from './media/acquire.js';
export type { FileTransfer, TransferDirection, TransferEvents, TransferState } from './files/transfer.js';
export type { PeerStats } from './stats/stats.js';
export { ParleyError, toParleyError, type ErrorCause, type ErrorReason } from './errors.js';
export { exponentialBackoff, type BackoffOptions, type ReconnectPolicy } from './signaling/backoff.js';
export type { WebSocketLike } from './signaling/options.js';
export { Emitter, type Listener } from './emitter.js';
export { defaults } from './defaults.js';
