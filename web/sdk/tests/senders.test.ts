import { describe, expect, it } from 'vitest';
import type { LocalTracks } from '../src/media/local-media.js';
import { Senders } from '../src/peer/senders.js';
import { FakePeerConnection } from './fakes/rtc.js';

const nothing: LocalTracks = { microphone: null, camera: null, screen: null, userStream: null, screenStream: null };

describe('Senders', () => {
  it('offers to receive audio and video when there is nothing to send, once', async () => {
    const pc = new FakePeerConnection({});
    const senders = new Senders(pc as unknown as RTCPeerConnection);
    await senders.apply(nothing);
    await senders.apply(nothing);
    expect(pc.transceivers).toEqual(['audio', 'video']);
  });
});
