import { describe, expect, it } from 'vitest';
import { decodeServerFrame, encodeClientMessage } from '../src/protocol/index.js';
import type { ClientMessage, ServerMessage } from '../src/protocol/messages.js';

const welcome = '"type":"welcome","peerId":"p","room":"r","peers":[],"iceServers":[],"resume":"t","resumed":false';

describe('SFU words of the protocol', () => {
  it.each<[string, ServerMessage]>([
    ['media', { type: 'media', mode: 'sfu' }],
    ['publish-answer', { type: 'publish-answer', sdp: 'v=0\r\n' }],
    [
      'subscribe-offer',
      {
        type: 'subscribe-offer',
        sdp: 'v=0\r\n',
        tracks: [
          { trackId: 't1', peerId: 'bob', kind: 'audio', mid: '0' },
          { trackId: 't2', peerId: 'bob', kind: 'video', mid: '1' },
        ],
      },
    ],
    ['subscribe-offer with no tracks', { type: 'subscribe-offer', sdp: 'v=0\r\n', tracks: [] }],
    ['speaker', { type: 'speaker', peerId: 'bob' }],
    ['speaker null', { type: 'speaker', peerId: null }],
  ])('decodes %s', (_name, message) => {
    expect(decodeServerFrame(JSON.stringify(message))).toEqual({ kind: 'message', message });
  });

  it('reads the room mode from the welcome, mesh when the server does not say', () => {
    const sfu = decodeServerFrame(`{${welcome},"media":"sfu"}`);
    expect(sfu.kind === 'message' && sfu.message.type === 'welcome' && sfu.message.media).toBe('sfu');
    const old = decodeServerFrame(`{${welcome}}`);
    expect(old.kind === 'message' && old.message.type === 'welcome' && old.message.media).toBe('mesh');
  });

  it('takes a speaker without peerId as no one speaking', () => {
    expect(decodeServerFrame('{"type":"speaker"}')).toEqual({
      kind: 'message',
      message: { type: 'speaker', peerId: null },
    });
  });

  it.each([
    ['a welcome with an unknown mode', `{${welcome},"media":"p2p"}`, "field 'media' must be mesh or sfu"],
    ['a media message without mode', '{"type":"media"}', "missing field 'mode'"],
    ['a media message with a numeric mode', '{"type":"media","mode":1}', "field 'mode' must be a string"],
    ['a publish-answer without sdp', '{"type":"publish-answer"}', "missing field 'sdp'"],
    ['a publish-answer with an object sdp', '{"type":"publish-answer","sdp":{}}', "field 'sdp' must be a string"],
    ['a subscribe-offer without tracks', '{"type":"subscribe-offer","sdp":"v=0"}', "missing field 'tracks'"],
    [
      'a subscribe-offer with tracks not a list',
      '{"type":"subscribe-offer","sdp":"v=0","tracks":{}}',
      "field 'tracks' must be a list",
    ],
    [
      'a track that is not an object',
      '{"type":"subscribe-offer","sdp":"v=0","tracks":["t1"]}',
      "field 'tracks[0]' must be an object",
    ],
    [
      'a track without mid',
      '{"type":"subscribe-offer","sdp":"v=0","tracks":[{"trackId":"t1","peerId":"b","kind":"audio"}]}',
      "missing field 'tracks[0].mid'",
    ],
    [
      'a track of an unknown kind',
      '{"type":"subscribe-offer","sdp":"v=0","tracks":[{"trackId":"t1","peerId":"b","kind":"data","mid":"0"}]}',
      "field 'tracks[0].kind' must be audio or video",
    ],
    ['a speaker with a numeric peerId', '{"type":"speaker","peerId":7}', "field 'peerId' must be a string"],
  ])('reports %s as malformed', (_name, frame, problem) => {
    expect(decodeServerFrame(frame)).toEqual({ kind: 'malformed', problem });
  });

  it.each<[ClientMessage, Record<string, unknown>]>([
    [
      { type: 'publish', sdp: 'v=0\r\n' },
      { type: 'publish', sdp: 'v=0\r\n' },
    ],
    [
      { type: 'subscribe-answer', sdp: 'v=0\r\n' },
      { type: 'subscribe-answer', sdp: 'v=0\r\n' },
    ],
    [
      { type: 'render', trackId: 't2', width: 640, height: 360 },
      { type: 'render', trackId: 't2', width: 640, height: 360 },
    ],
    [
      { type: 'broadcast', data: { chat: '{"type":"chat"}' } },
      { type: 'broadcast', data: { chat: '{"type":"chat"}' } },
    ],
  ])('encodes %j', (message, frame) => {
    expect(JSON.parse(encodeClientMessage(message))).toEqual(frame);
  });
});
