// What a signaling session tells its room, and what an SFU room sends besides signals.
import type { ParleyError } from '../errors.js';
import type {
  BroadcastMessage,
  ErrorMessage,
  MediaModeMessage,
  PeerJoinedMessage,
  PeerLeftMessage,
  PublishAnswerMessage,
  PublishMessage,
  RelayedSignalMessage,
  RenderMessage,
  SpeakerMessage,
  SubscribeAnswerMessage,
  SubscribeOfferMessage,
  WelcomeMessage,
} from '../protocol/messages.js';

export type SignalingState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Messages the room acts on; welcome, pong and goaway are handled here. */
export type RoomMessage =
  | PeerJoinedMessage
  | PeerLeftMessage
  | RelayedSignalMessage
  | ErrorMessage
  | MediaModeMessage
  | PublishAnswerMessage
  | SubscribeOfferMessage
  | SpeakerMessage;

/** What an SFU room sends the server besides signals. */
export type MediaPlaneMessage = PublishMessage | SubscribeAnswerMessage | RenderMessage | BroadcastMessage;

export interface SignalingEvents {
  state: { state: SignalingState; error: ParleyError | null };
  welcome: WelcomeMessage;
  message: RoomMessage;
  /** Something went wrong that does not end the session (a malformed frame, say). */
  problem: ParleyError;
  /** Queued signals were thrown away (the queue overflowed): negotiations must start over. */
  'signals-dropped': { count: number };
}
