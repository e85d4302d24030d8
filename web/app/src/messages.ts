import { ParleyError, type ErrorReason, type UnreachableCause } from '@parley/sdk';

/**
 * What to tell a person about an SDK error. Keyed by the stable `reason`, never by the
 * message text, which the SDK may reword.
 */
export function describeError(reason: ErrorReason, detail: string): string {
  switch (reason) {
    case 'room-full':
      return 'This room is full. Try again later, or start a new room.';
    case 'signaling-unreachable':
      return 'Cannot reach the Parley server. Check your connection and try again.';
    case 'unauthorized':
      // The server says why (expired, for another room, missing): the person may be able to act on it.
      return `You are not allowed into this room (${detail}).`;
    case 'session-replaced':
      return 'You joined this room from another tab or device, so this one was disconnected.';
    case 'invalid-argument':
      return `That did not work: ${detail}`;
    case 'media-denied':
      return 'Camera and microphone are blocked: you can see and hear the others, but they cannot see or hear you.';
    case 'no-device':
      return `No camera or microphone found (${detail}): you can still see and hear the others.`;
    case 'media-failed':
      return `Your camera or microphone could not start (${detail}). Is another app using it?`;
    case 'peer-failed':
      return 'Could not connect to one of the participants.';
    case 'rate-limited':
      return 'Slow down: the server is refusing messages for a moment.';
    case 'file-corrupt':
      return 'A file arrived damaged and was discarded.';
    case 'file-interrupted':
      return 'A file transfer was interrupted.';
    case 'file-refused':
      return 'The file was refused (too large).';
    case 'media-limit':
      return 'The server is not taking more of your media (its limit of tracks or bitrate was reached).';
    case 'negotiation-failed':
    case 'protocol':
    case 'closed':
      return detail;
  }
}

/** Errors the call survives and the user needs to hear about; the rest are logged only. */
export function isWorthANotice(reason: ErrorReason): boolean {
  return reason !== 'negotiation-failed' && reason !== 'protocol' && reason !== 'closed' && reason !== 'rate-limited';
}

/** What to tell a person about a failed action: the SDK's reason if it is a ParleyError. */
export function errorText(error: unknown, fallback: string): string {
  return error instanceof ParleyError ? describeError(error.reason, error.message) : fallback;
}

/** Why the call with one person does not connect, in words they can act on. */
export function describeUnreachable(name: string, cause: UnreachableCause): string {
  switch (cause) {
    case 'no-relay':
      return (
        `The call with ${name} cannot connect. Your network seems to block calls: ask its administrator` +
        ' to allow UDP, or to offer TURN over TLS on port 443. Still trying…'
      );
    case 'no-route':
      return (
        `The call with ${name} cannot connect: a network on the way blocks it, most likely theirs.` +
        ' Ask their network administrator to allow UDP, or TURN over TLS on port 443. Still trying…'
      );
  }
}
