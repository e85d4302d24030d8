import { describe, expect, it } from 'vitest';
import { decodePeerSignal, encodePeerSignal, type PeerSignal } from '../src/peer/signal-data.js';
import type { JsonObject } from '../src/util/json.js';

describe('signal data between peers', () => {
  it('round-trips a description with stream sources', () => {
    const signal: PeerSignal = {
      kind: 'description',
      epoch: 2,
      description: { type: 'offer', sdp: 'v=0\r\n' },
      streams: { 'stream-1': 'screen' },
    };
    const data = encodePeerSignal(signal);
    expect(data).toEqual({
      description: { type: 'offer', sdp: 'v=0\r\n' },
      epoch: 2,
      streams: { 'stream-1': 'screen' },
    });
    expect(decodePeerSignal(JSON.parse(JSON.stringify(data)) as JsonObject)).toEqual(signal);
  });

  it('round-trips a candidate', () => {
    const signal: PeerSignal = {
      kind: 'candidate',
      epoch: 0,
      candidate: {
        candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
        usernameFragment: 'abcd',
      },
    };
    expect(decodePeerSignal(encodePeerSignal(signal))).toEqual(signal);
  });

  it('reads the shapes of docs/protocol.md, without epoch, as epoch 0', () => {
    expect(decodePeerSignal({ description: { type: 'answer', sdp: 'v=0…' } })).toEqual({
      kind: 'description',
      epoch: 0,
      description: { type: 'answer', sdp: 'v=0…' },
      streams: {},
    });
    expect(
      decodePeerSignal({ candidate: { candidate: 'candidate:1 1 udp …', sdpMid: '0', sdpMLineIndex: 0 } }),
    ).toMatchObject({
      kind: 'candidate',
      epoch: 0,
    });
  });

  it('keeps only known stream sources', () => {
    const decoded = decodePeerSignal({
      description: { type: 'offer', sdp: 'x' },
      streams: { a: 'screen', b: 'hologram', c: 'user' },
    });
    expect(decoded).toMatchObject({ streams: { a: 'screen', c: 'user' } });
  });

  it.each([
    ['neither field', { hello: 1 }, "signal data has neither 'description' nor 'candidate'"],
    [
      'a bad description type',
      { description: { type: 'shout', sdp: 'x' } },
      "signal 'description' must have a type of offer, answer, pranswer or rollback",
    ],
    ['an offer without sdp', { description: { type: 'offer' } }, "signal 'description.sdp' must be a string"],
    ['a candidate without its line', { candidate: { sdpMid: '0' } }, "signal 'candidate.candidate' must be a string"],
    [
      'a candidate without mid or index',
      { candidate: { candidate: 'candidate:1' } },
      "signal 'candidate' needs sdpMid or sdpMLineIndex",
    ],
    [
      'a negative epoch',
      { candidate: { candidate: 'c', sdpMid: '0' }, epoch: -1 },
      "signal 'epoch' must be a non-negative integer",
    ],
  ] as [string, JsonObject, string][])('refuses %s', (_name, data, problem) => {
    expect(decodePeerSignal(data)).toEqual({ problem });
  });
});
