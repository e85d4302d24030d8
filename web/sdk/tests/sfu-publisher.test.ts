import { describe, expect, it } from 'vitest';
import type { LocalTracks } from '../src/media/local-media.js';
import { Publisher } from '../src/sfu/publisher.js';
import { FakeMediaPeerConnection, FakeMediaStream, FakeTrack } from './fakes/sfu.js';

function local(tracks: { mic?: FakeTrack; cam?: FakeTrack; screen?: FakeTrack }): LocalTracks {
  const user = new FakeMediaStream([tracks.mic, tracks.cam].filter((t) => t !== undefined));
  return {
    microphone: (tracks.mic ?? null) as unknown as MediaStreamTrack,
    camera: (tracks.cam ?? null) as unknown as MediaStreamTrack,
    screen: (tracks.screen ?? null) as unknown as MediaStreamTrack,
    userStream: user as unknown as MediaStream,
    screenStream: tracks.screen ? (new FakeMediaStream([tracks.screen]) as unknown as MediaStream) : null,
  };
}

describe('the publish connection', () => {
  const setup = () => {
    const pc = new FakeMediaPeerConnection({});
    const offers: string[] = [];
    const errors: string[] = [];
    const publisher = new Publisher(pc as unknown as RTCPeerConnection, {
      sendOffer: (sdp) => offers.push(sdp),
      onError: (operation) => errors.push(operation),
    });
    return { pc, offers, errors, publisher };
  };

  it('switches the camera with replaceTrack on the same transceiver, sending nothing while it is off', async () => {
    const { pc, publisher } = setup();
    const cam = new FakeTrack('video', 'cam');
    await publisher.apply(local({ mic: new FakeTrack('audio', 'mic'), cam }));
    await publisher.apply(local({ mic: new FakeTrack('audio', 'mic2') }));
    expect(pc.sending().map((t) => [t.kind, t.track])).toEqual([
      ['audio', 'mic2'],
      ['video', null],
    ]);
    await publisher.apply(local({ cam: new FakeTrack('video', 'cam2') }));
    expect(pc.sending().map((t) => t.track)).toEqual([null, 'cam2']);
    expect(pc.rtp).toHaveLength(2);
  });

  it('shares a screen as a third transceiver, inactive when the share stops and reused by the next', async () => {
    const { pc, publisher } = setup();
    const cam = new FakeTrack('video', 'cam');
    await publisher.apply(local({ cam, screen: new FakeTrack('video', 'screen1') }));
    expect(pc.sending().map((t) => [t.direction, t.track])).toEqual([
      ['sendonly', 'cam'],
      ['sendonly', 'screen1'],
    ]);
    await publisher.apply(local({ cam }));
    expect(pc.sending()[1]).toMatchObject({ direction: 'inactive', track: null });
    await publisher.apply(local({ cam, screen: new FakeTrack('video', 'screen2') }));
    expect(pc.sending()[1]).toMatchObject({ direction: 'sendonly', track: 'screen2' });
    expect(pc.rtp).toHaveLength(2);
  });

  it('puts a camera transceiver before a screen shared without a camera, so receivers tell them apart', async () => {
    const { pc, publisher } = setup();
    await publisher.apply(local({ screen: new FakeTrack('video', 'screen1') }));
    expect(pc.sending().map((t) => [t.track, t.encodings?.length ?? 1])).toEqual([
      [null, 3],
      ['screen1', 1],
    ]);
    await publisher.apply(local({ cam: new FakeTrack('video', 'cam'), screen: pc.rtp[1]?.sender.track as FakeTrack }));
    expect(pc.sending().map((t) => t.track)).toEqual(['cam', 'screen1']);
  });

  it('sends a lost offer again when the session resumes, and drops an answer to nothing', async () => {
    const { pc, offers, publisher } = setup();
    await publisher.apply(local({ mic: new FakeTrack('audio') }));
    pc.negotiationNeeded();
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    publisher.resendOffer();
    expect(offers).toEqual(['offer-1', 'offer-1']);
    await publisher.receiveAnswer('answer-1');
    await publisher.receiveAnswer('answer-again');
    expect(pc.remoteDescription).toEqual({ type: 'answer', sdp: 'answer-1' });
  });
});
