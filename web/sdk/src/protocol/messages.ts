/**
 * Signaling protocol v1 (docs/protocol.md) as TypeScript types. Absent optional fields are
 * `null`, as the server's decoder treats them; the encoder leaves them out of the frame.
 */
import type { JsonObject } from '../util/json.js';

export interface PeerInfo {
  readonly peerId: string;
  /** `null` when the peer gave no name. Display it as text, never as HTML. */
  readonly name: string | null;
}

export type PeerLeftReason = 'left' | 'timeout' | 'kicked';

export type ServerErrorCode =
  | 'bad-json'
  | 'bad-message'
  | 'unknown-type'
  | 'not-joined'
  | 'already-joined'
  | 'unauthorized'
  | 'room-full'
  | 'unknown-peer'
  | 'rate-limited'
  | 'bad-sdp'
  | 'not-sfu'
  | 'media-limit';

/**
 * How a room carries media: `mesh`, a peer connection between every two peers; `sfu`, two
 * connections from each peer to the server's forwarding unit (publish and subscribe).
 */
export type MediaMode = 'mesh' | 'sfu';

// Client → server

export interface JoinMessage {
  readonly type: 'join';
  readonly room: string;
  readonly name: string | null;
  readonly token: string | null;
  readonly resume: string | null;
}

/**
 * The numbers of exactly-once delivery (docs/protocol.md), relayed unchanged by the server; each
 * is left out when absent. `seq` numbers a signal per receiver from 1; `ack` is the highest `seq`
 * received from the other side without a gap; `resend` is an `ack` that asks for everything after
 * it again. A signal with `ack` or `resend` but no `seq` is control only, never shown to the app.
 */
export interface DeliveryNumbers {
  readonly seq?: number;
  readonly ack?: number;
  readonly resend?: number;
}

export interface SignalMessage extends DeliveryNumbers {
  readonly type: 'signal';
  readonly to: string;
  readonly data: JsonObject;
}

export interface LeaveMessage {
  readonly type: 'leave';
}

export interface PingMessage {
  readonly type: 'ping';
}

/** The offer of this client's publish connection in an SFU room (the first and every renegotiation). */
export interface PublishMessage {
  readonly type: 'publish';
  readonly sdp: string;
}

/** The answer to the server's latest `subscribe-offer`. */
export interface SubscribeAnswerMessage {
  readonly type: 'subscribe-answer';
  readonly sdp: string;
}

/** The size a forwarded video track is shown at, in device pixels; 0x0 when not shown. */
export interface RenderMessage {
  readonly type: 'render';
  readonly trackId: string;
  readonly width: number;
  readonly height: number;
}

/** `data` relayed by the server to every other peer of the room, as a `signal` from us. */
export interface BroadcastMessage {
  readonly type: 'broadcast';
  readonly data: JsonObject;
}

export type ClientMessage =
  | JoinMessage
  | SignalMessage
  | LeaveMessage
  | PingMessage
  | PublishMessage
  | SubscribeAnswerMessage
  | RenderMessage
  | BroadcastMessage;

// Server → client

export interface IceServer {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

export interface WelcomeMessage {
  readonly type: 'welcome';
  readonly peerId: string;
  readonly room: string;
  readonly peers: readonly PeerInfo[];
  readonly iceServers: readonly IceServer[];
  readonly resume: string;
  readonly resumed: boolean;
  /** What the access token allows this peer to send; all true from servers that predate it. */
  readonly permissions: Permissions;
  /** The room's media mode as we enter; `mesh` from servers that predate SFU rooms. */
  readonly media: MediaMode;
}

/** From the access token: whether this peer may send audio and video, and open data channels. */
export interface Permissions {
  readonly publish: boolean;
  readonly data: boolean;
}

export interface PeerJoinedMessage {
  readonly type: 'peer-joined';
  readonly peer: PeerInfo;
}

export interface PeerLeftMessage {
  readonly type: 'peer-left';
  readonly peerId: string;
  /** One of {@link PeerLeftReason}, or a reason a newer server added. */
  readonly reason: PeerLeftReason | (string & {});
}

export interface RelayedSignalMessage extends DeliveryNumbers {
  readonly type: 'signal';
  readonly from: string;
  readonly data: JsonObject;
}

export interface ErrorMessage {
  readonly type: 'error';
  /** One of {@link ServerErrorCode}, or a code a newer server added. */
  readonly code: ServerErrorCode | (string & {});
  readonly message: string;
}

export interface GoawayMessage {
  readonly type: 'goaway';
  readonly reconnectInMs: number;
}

export interface PongMessage {
  readonly type: 'pong';
}

/** The room turned SFU (it never turns back while anyone is in it). */
export interface MediaModeMessage {
  readonly type: 'media';
  readonly mode: MediaMode;
}

/** The server's answer to our latest `publish`. */
export interface PublishAnswerMessage {
  readonly type: 'publish-answer';
  readonly sdp: string;
}

/** One track the server forwards to us on the subscribe connection. */
export interface ForwardedTrack {
  readonly trackId: string;
  /** Who publishes it. */
  readonly peerId: string;
  readonly kind: 'audio' | 'video';
  /** Its m= section in the subscribe connection. */
  readonly mid: string;
}

/** The server's (re)offer for the subscribe connection; `tracks` lists every track forwarded now. */
export interface SubscribeOfferMessage {
  readonly type: 'subscribe-offer';
  readonly sdp: string;
  readonly tracks: readonly ForwardedTrack[];
}

/** The room's dominant speaker changed; null when no one speaks. */
export interface SpeakerMessage {
  readonly type: 'speaker';
  readonly peerId: string | null;
}

export type ServerMessage =
  | WelcomeMessage
  | PeerJoinedMessage
  | PeerLeftMessage
  | RelayedSignalMessage
  | ErrorMessage
  | GoawayMessage
  | PongMessage
  | MediaModeMessage
  | PublishAnswerMessage
  | SubscribeOfferMessage
  | SpeakerMessage;
