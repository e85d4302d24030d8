import { closeCause } from './protocol/close.js';
import { assertNever } from './util/assert-never.js';

/**
 * Why something went wrong, as a stable string an app can switch on. The `message` beside it
 * is for people and may change wording.
 */
export type ErrorReason =
  /** The signaling server could not be reached, or was lost for longer than the SDK waits. */
  | 'signaling-unreachable'
  /** Another connection resumed this session (the same room opened twice with one token). */
  | 'session-replaced'
  | 'room-full'
  | 'unauthorized'
  /** The server refused messages for coming too fast. */
  | 'rate-limited'
  /** The app passed something the SDK or the protocol cannot take (room name, text, file). */
  | 'invalid-argument'
  /** A malformed or refused protocol message: a bug or a version mismatch, not the user's doing. */
  | 'protocol'
  /** The user or the browser refused camera, microphone or screen capture. */
  | 'media-denied'
  /** No camera or microphone (or not the one asked for). */
  | 'no-device'
  /** A device exists but could not be started (in use, insecure page, hardware error). */
  | 'media-failed'
  /** A session description or ICE operation failed (also: the SFU could not use our SDP, `bad-sdp`). */
  | 'negotiation-failed'
  /** The SFU refused more media: its limit of tracks per participant or bitrate per publisher. */
  | 'media-limit'
  /** A peer could not be (re)connected after every recovery step. */
  | 'peer-failed'
  /** A received file did not match its size or SHA-256. */
  | 'file-corrupt'
  /** The data channel closed while a file was in transit. */
  | 'file-interrupted'
  /** The receiver refused the file (too large). */
  | 'file-refused'
  /** The room was closed (left, or gave up) before the operation could finish. */
  | 'closed';

export class ParleyError extends Error {
  override readonly name = 'ParleyError';

  constructor(
    readonly reason: ErrorReason,
    message: string,
    options: { cause?: unknown; peerId?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.peerId = options.peerId ?? null;
  }

  /** The remote peer the error concerns, when it concerns one. */
  readonly peerId: string | null;
}

/** What a media error is about; 'camera and microphone' for a single request of both. */
export type MediaDevice = 'microphone' | 'camera' | 'camera and microphone' | 'screen';

/** Everything that can become a {@link ParleyError}, so that one function decides the reason. */
export type ErrorCause =
  /** An `error` frame from the server. */
  | { kind: 'server'; code: string; message: string }
  /** The signaling socket closed on us. */
  | { kind: 'socket-closed'; code: number; reason: string }
  /** getUserMedia / getDisplayMedia threw. */
  | { kind: 'media'; device: MediaDevice; error: unknown }
  /** An RTCPeerConnection operation threw. */
  | { kind: 'rtc'; peerId: string; operation: string; error: unknown }
  /** A condition the SDK itself detected. */
  | { kind: 'sdk'; reason: ErrorReason; message: string; peerId?: string; cause?: unknown };

/** The one place where server codes and browser exceptions become reasons. */
export function toParleyError(cause: ErrorCause): ParleyError {
  switch (cause.kind) {
    case 'server':
      return new ParleyError(reasonForServerCode(cause.code), `${cause.code}: ${cause.message}`);
    case 'socket-closed': {
      const closed = closeCause(cause.code, cause.reason);
      switch (closed) {
        case 'replaced':
          return new ParleyError('session-replaced', 'this session was resumed on another connection');
        case 'kicked':
          return new ParleyError('unauthorized', 'removed from the room by an administrator');
        case 'rate-abuse':
          return new ParleyError(
            'rate-limited',
            `the server closed the connection: ${cause.reason || 'policy violation'}`,
          );
        case 'too-big':
        case 'other':
          return new ParleyError(
            'signaling-unreachable',
            `signaling closed (${cause.code}${cause.reason ? `: ${cause.reason}` : ''})`,
          );
        default:
          return assertNever(closed);
      }
    }
    case 'media':
      return mediaError(cause.device, cause.error);
    case 'rtc':
      return new ParleyError('negotiation-failed', `${cause.operation} failed: ${describe(cause.error)}`, {
        cause: cause.error,
        peerId: cause.peerId,
      });
    case 'sdk':
      return new ParleyError(cause.reason, cause.message, { cause: cause.cause, peerId: cause.peerId });
    default:
      return assertNever(cause);
  }
}

function reasonForServerCode(code: string): ErrorReason {
  switch (code) {
    case 'unauthorized':
      return 'unauthorized';
    case 'room-full':
      return 'room-full';
    case 'rate-limited':
      return 'rate-limited';
    case 'bad-sdp':
      return 'negotiation-failed';
    case 'media-limit':
      return 'media-limit';
    // bad-json, bad-message, unknown-type, not-joined, already-joined, unknown-peer, not-sfu, and codes
    // a newer server may add: all mean the SDK and the server disagree about something.
    default:
      return 'protocol';
  }
}

function mediaError(device: MediaDevice, error: unknown): ParleyError {
  const name = error instanceof Error || isDomLike(error) ? error.name : '';
  const what = device === 'screen' ? 'screen capture' : `the ${device}`;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new ParleyError('media-denied', `permission to use ${what} was refused`, { cause: error });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new ParleyError('no-device', `no ${device === 'screen' ? 'screen to capture' : device} was found`, {
        cause: error,
      });
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new ParleyError('media-failed', `${what} could not be started (is another application using it?)`, {
        cause: error,
      });
    default:
      return new ParleyError('media-failed', `${what} is not available: ${describe(error)}`, { cause: error });
  }
}

function isDomLike(value: unknown): value is { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.message || error.name;
  }
  return String(error);
}
