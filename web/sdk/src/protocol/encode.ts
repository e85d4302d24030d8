import { assertNever } from '../util/assert-never.js';
import type { ClientMessage, JoinMessage } from './messages.js';

/** One text frame for the server. Fields that are `null` are left out, as the protocol allows. */
export function encodeClientMessage(message: ClientMessage): string {
  switch (message.type) {
    case 'join':
      return JSON.stringify(withoutNulls(message));
    case 'signal':
      return JSON.stringify({
        type: message.type,
        to: message.to,
        data: message.data,
        seq: message.seq,
        ack: message.ack,
        resend: message.resend,
      }); // undefined numbers are left out
    case 'leave':
    case 'ping':
      return JSON.stringify({ type: message.type });
    case 'publish':
    case 'subscribe-answer':
      return JSON.stringify({ type: message.type, sdp: message.sdp });
    case 'render':
      return JSON.stringify({
        type: message.type,
        trackId: message.trackId,
        width: message.width,
        height: message.height,
      });
    case 'broadcast':
      return JSON.stringify({ type: message.type, data: message.data });
    default:
      return assertNever(message);
  }
}

function withoutNulls(message: JoinMessage): Record<string, string> {
  const out: Record<string, string> = {};
  // An interface has no index signature, so Object.entries alone would type the values `any`.
  for (const [key, value] of Object.entries(message) as [string, string | null][]) {
    if (value !== null) {
      out[key] = value;
    }
  }
  return out;
}

const ROOM = /^[A-Za-z0-9._~-]{1,64}$/;
const MAX_NAME_CODE_POINTS = 64;

/**
 * The server's own rules for `join` (docs/protocol.md, "Field rules"), checked before sending
 * so that a bad room name fails at once with a clear message. Returns the problem, or null.
 * The messages are the server's, word for word.
 */
export function joinProblem(room: string, name: string | null): string | null {
  if (!ROOM.test(room)) {
    return "field 'room' must be 1 to 64 characters of A-Z a-z 0-9 . _ ~ -";
  }
  if (name !== null) {
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- counts code points, as the server does
    if ([...name].length > MAX_NAME_CODE_POINTS) {
      return "field 'name' must be at most 64 characters";
    }
    if (hasControlCharacter(name)) {
      return "field 'name' must not contain control characters";
    }
  }
  return null;
}

/** Java's Character.isISOControl: U+0000–U+001F and U+007F–U+009F. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) {
      return true;
    }
  }
  return false;
}
