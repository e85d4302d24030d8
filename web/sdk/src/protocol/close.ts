/**
 * How the server ended a session, from the WebSocket close code (docs/protocol.md, "Close
 * codes"); `other` for every close that is not the server's own decision (a drop, a restart).
 */
export type CloseCause = 'too-big' | 'rate-abuse' | 'kicked' | 'replaced' | 'other';

/** The server's close codes. 4001 and 4002 are new; earlier servers sent 1008, and 1000 with a reason. */
export const closeCodes = { tooBig: 1009, rateAbuse: 1008, kicked: 4001, replaced: 4002 } as const;

/** The reason text of a replaced session, which earlier servers sent with code 1000. */
const replacedReason = 'resumed on another connection';

export function closeCause(code: number, reason: string): CloseCause {
  switch (code) {
    case closeCodes.tooBig:
      return 'too-big';
    // Earlier servers closed a kicked session with 1008 too; its own `peer-left` with
    // `kicked` arrives first and ends the session, so 1008 alone means rate abuse.
    case closeCodes.rateAbuse:
      return 'rate-abuse';
    case closeCodes.kicked:
      return 'kicked';
    case closeCodes.replaced:
      return 'replaced';
    case 1000:
      return reason === replacedReason ? 'replaced' : 'other';
    default:
      return 'other';
  }
}
