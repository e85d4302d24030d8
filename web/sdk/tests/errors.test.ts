import { describe, expect, it } from 'vitest';
import { toParleyError, type ErrorReason } from '../src/errors.js';

describe('one mapping from causes to stable reasons', () => {
  it.each([
    ['unauthorized', 'unauthorized'],
    ['room-full', 'room-full'],
    ['rate-limited', 'rate-limited'],
    ['bad-json', 'protocol'],
    ['bad-message', 'protocol'],
    ['unknown-type', 'protocol'],
    ['not-joined', 'protocol'],
    ['already-joined', 'protocol'],
    ['unknown-peer', 'protocol'],
    ['a-code-from-the-future', 'protocol'],
  ] as [string, ErrorReason][])('server code %s → %s', (code, reason) => {
    const error = toParleyError({ kind: 'server', code, message: 'text' });
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`${code}: text`);
  });

  it.each([
    ['NotAllowedError', 'media-denied'],
    ['SecurityError', 'media-denied'],
    ['NotFoundError', 'no-device'],
    ['OverconstrainedError', 'no-device'],
    ['NotReadableError', 'media-failed'],
    ['AbortError', 'media-failed'],
    ['TypeError', 'media-failed'],
  ] as [string, ErrorReason][])('getUserMedia %s → %s', (name, reason) => {
    const error = toParleyError({ kind: 'media', device: 'camera', error: new DOMException('x', name) });
    expect(error.reason).toBe(reason);
    expect(error.cause).toBeInstanceOf(DOMException);
  });

  it('names the screen in a refused screen share', () => {
    const error = toParleyError({ kind: 'media', device: 'screen', error: new DOMException('no', 'NotAllowedError') });
    expect(error.reason).toBe('media-denied');
    expect(error.message).toBe('permission to use screen capture was refused');
  });

  it.each([
    [4002, 'resumed on another connection', 'session-replaced'],
    [1000, 'resumed on another connection', 'session-replaced'],
    [1000, 'Resumed elsewhere', 'signaling-unreachable'],
    [4001, 'removed from the room by an administrator', 'unauthorized'],
    [1008, 'too many messages', 'rate-limited'],
    [1006, '', 'signaling-unreachable'],
    [1009, 'too big', 'signaling-unreachable'],
  ] as [number, string, ErrorReason][])('socket close %d %s → %s', (code, reason, expected) => {
    expect(toParleyError({ kind: 'socket-closed', code, reason }).reason).toBe(expected);
  });

  it('keeps the peer of an RTC failure', () => {
    const error = toParleyError({
      kind: 'rtc',
      peerId: 'bob',
      operation: 'setRemoteDescription(offer)',
      error: new Error('bad sdp'),
    });
    expect(error).toMatchObject({
      reason: 'negotiation-failed',
      peerId: 'bob',
      message: 'setRemoteDescription(offer) failed: bad sdp',
    });
  });
});
