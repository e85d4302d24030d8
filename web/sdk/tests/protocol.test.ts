import { describe, expect, it } from 'vitest';
import clientInvalid from '../../../protocol/fixtures/client-invalid.json';
import clientValid from '../../../protocol/fixtures/client-valid.json';
import serverMessages from '../../../protocol/fixtures/server-messages.json';
import { decodeServerFrame, encodeClientMessage, joinProblem } from '../src/protocol/index.js';
import type { ClientMessage } from '../src/protocol/messages.js';

describe('client messages against the shared fixtures', () => {
  it.each(clientValid.map((f) => [f.name, f] as const))('encodes %s as the golden frame', (_name, fixture) => {
    const frame = JSON.parse(encodeClientMessage(fixture.decoded as ClientMessage)) as Record<string, unknown>;
    // The golden frame, minus fields the protocol does not define (the server ignores them).
    const known = Object.fromEntries(Object.entries(fixture.frame).filter(([key]) => key in fixture.decoded));
    expect(frame).toEqual(known);
  });

  it('covers every client message type', () => {
    const types = [...new Set(clientValid.map((f) => f.decoded.type))];
    // The SFU words may have fixtures too (the server's side adds them); the base ones must.
    expect(types).toEqual(expect.arrayContaining(['join', 'leave', 'ping', 'signal']));
    for (const type of types) {
      expect(['join', 'leave', 'ping', 'signal', 'publish', 'subscribe-answer', 'render', 'broadcast']).toContain(type);
    }
  });

  it('leaves null fields out of the frame', () => {
    const text = encodeClientMessage({ type: 'join', room: 'r', name: null, token: null, resume: 'tok' });
    expect(text).toBe('{"type":"join","room":"r","resume":"tok"}');
  });

  const joinRejects = clientInvalid.filter(
    (f) => f.code === 'bad-message' && /^field '(room|name)' must (be 1|be at most|not contain)/.test(f.message ?? ''),
  );

  it('finds the invalid join fixtures', () => {
    expect(joinRejects.length).toBeGreaterThanOrEqual(5);
  });

  it.each(joinRejects.map((f) => [f.name, f] as const))(
    'refuses %s before sending, in the server words',
    (_name, fixture) => {
      const frame = JSON.parse(fixture.frame) as { room: string; name?: string };
      expect(joinProblem(frame.room, frame.name ?? null)).toBe(fixture.message);
    },
  );

  it.each(clientValid.filter((f) => f.decoded.type === 'join').map((f) => [f.name, f] as const))(
    'accepts the valid %s',
    (_name, fixture) => {
      const join = fixture.decoded as { room: string; name: string | null };
      expect(joinProblem(join.room, join.name)).toBeNull();
    },
  );

  it('counts name length in code points, as the server does', () => {
    expect(joinProblem('r', '😀'.repeat(64))).toBeNull();
    expect(joinProblem('r', '😀'.repeat(65))).toBe("field 'name' must be at most 64 characters");
    expect(joinProblem('r', 'a\u0085b')).toBe("field 'name' must not contain control characters");
  });
});

describe('server messages against the shared fixtures', () => {
  it.each(serverMessages.map((f) => [f.name, f] as const))('decodes %s', (_name, fixture) => {
    const decoded = decodeServerFrame(JSON.stringify(fixture.message));
    // A welcome without `media` comes from a server before SFU rooms: its rooms are mesh.
    const message =
      fixture.message.type === 'welcome' && !('media' in fixture.message)
        ? { ...fixture.message, media: 'mesh' }
        : fixture.message;
    expect(decoded).toEqual({ kind: 'message', message });
  });

  it('covers every server message type', () => {
    const types = [...new Set(serverMessages.map((f) => f.message.type))];
    const base = ['error', 'goaway', 'peer-joined', 'peer-left', 'pong', 'signal', 'welcome'];
    expect(types).toEqual(expect.arrayContaining(base));
    for (const type of types) {
      expect([...base, 'media', 'publish-answer', 'subscribe-offer', 'speaker']).toContain(type);
    }
  });

  it('ignores message types it does not know', () => {
    expect(decodeServerFrame('{"type":"room-renamed","room":"x"}')).toEqual({ kind: 'unknown', type: 'room-renamed' });
  });

  it('ignores unknown fields', () => {
    const decoded = decodeServerFrame('{"type":"goaway","reconnectInMs":5,"reason":"deploy"}');
    expect(decoded).toEqual({ kind: 'message', message: { type: 'goaway', reconnectInMs: 5 } });
  });

  it('treats an absent peer name as null', () => {
    const decoded = decodeServerFrame('{"type":"peer-joined","peer":{"peerId":"p"}}');
    expect(decoded).toEqual({ kind: 'message', message: { type: 'peer-joined', peer: { peerId: 'p', name: null } } });
  });

  it.each([
    ['not JSON', 'hello', 'not valid JSON'],
    ['an array', '[1]', 'a message must be a JSON object'],
    ['no type', '{"peerId":"x"}', "missing field 'type'"],
    ['a numeric type', '{"type":1}', "field 'type' must be a string"],
    [
      'welcome without peerId',
      '{"type":"welcome","room":"r","peers":[],"iceServers":[],"resume":"t","resumed":false}',
      "missing field 'peerId'",
    ],
    [
      'welcome with peers not a list',
      '{"type":"welcome","peerId":"p","room":"r","peers":{},"iceServers":[],"resume":"t","resumed":false}',
      "field 'peers' must be a list",
    ],
    [
      'welcome with a bad peer',
      '{"type":"welcome","peerId":"p","room":"r","peers":[{"name":"x"}],"iceServers":[],"resume":"t","resumed":false}',
      "missing field 'peers[0].peerId'",
    ],
    [
      'welcome with resumed as a string',
      '{"type":"welcome","peerId":"p","room":"r","peers":[],"iceServers":[],"resume":"t","resumed":"no"}',
      "field 'resumed' must be a boolean",
    ],
    [
      'an ICE server without urls',
      '{"type":"welcome","peerId":"p","room":"r","peers":[],"iceServers":[{}],"resume":"t","resumed":false}',
      "field 'iceServers[0].urls' must be a string or a list of strings",
    ],
    ['signal with string data', '{"type":"signal","from":"p","data":"sdp"}', "field 'data' must be a JSON object"],
    [
      'goaway with a negative delay',
      '{"type":"goaway","reconnectInMs":-1}',
      "field 'reconnectInMs' must be a non-negative number",
    ],
    ['peer-left without reason', '{"type":"peer-left","peerId":"p"}', "missing field 'reason'"],
  ])('reports %s as malformed', (_name, frame, problem) => {
    expect(decodeServerFrame(frame)).toEqual({ kind: 'malformed', problem });
  });
});
