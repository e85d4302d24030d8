import { describe, expect, it } from 'vitest';
import { acquireUserMedia } from '../src/media/acquire.js';

/** Fake devices: which kinds exist, and whether the user allows them. */
function devices(have: { audio: boolean; video: boolean }, allow = true) {
  const calls: MediaStreamConstraints[] = [];
  const track = (kind: string) => ({ kind, stop() {} }) as unknown as MediaStreamTrack;
  return {
    calls,
    getUserMedia: async (c: MediaStreamConstraints = {}): Promise<MediaStream> => {
      calls.push(c);
      if (!allow) throw new DOMException('Permission denied', 'NotAllowedError');
      if ((c.audio && !have.audio) || (c.video && !have.video))
        throw new DOMException('Requested device not found', 'NotFoundError');
      const audio = c.audio ? [track('audio')] : [];
      const video = c.video ? [track('video')] : [];
      return { getAudioTracks: () => audio, getVideoTracks: () => video } as unknown as MediaStream;
    },
  };
}

describe('getting camera and microphone, settling for what there is', () => {
  it('gets both with one prompt', async () => {
    const d = devices({ audio: true, video: true });
    const got = await acquireUserMedia(d, { audio: true, video: true });
    expect(got.microphone?.kind).toBe('audio');
    expect(got.camera?.kind).toBe('video');
    expect(got.errors).toEqual([]);
    expect(d.calls).toHaveLength(1);
  });

  it('joins with the microphone alone when there is no camera, reporting no-device', async () => {
    const d = devices({ audio: true, video: false });
    const got = await acquireUserMedia(d, { audio: true, video: true });
    expect(got.microphone?.kind).toBe('audio');
    expect(got.camera).toBeNull();
    expect(got.errors.map((e) => e.reason)).toEqual(['no-device']);
    expect(got.errors[0]?.message).toBe('no camera was found');
  });

  it('goes receive-only when there is nothing', async () => {
    const got = await acquireUserMedia(devices({ audio: false, video: false }), { audio: true, video: true });
    expect([got.microphone, got.camera]).toEqual([null, null]);
    expect(got.errors.map((e) => e.reason)).toEqual(['no-device', 'no-device']);
  });

  it('does not ask again after a refusal', async () => {
    const d = devices({ audio: true, video: true }, false);
    const got = await acquireUserMedia(d, { audio: true, video: true });
    expect([got.microphone, got.camera]).toEqual([null, null]);
    expect(got.errors.map((e) => e.reason)).toEqual(['media-denied']);
    expect(got.errors[0]?.message).toBe('permission to use the camera and microphone was refused');
    expect(d.calls).toHaveLength(1);
  });

  it('reports an insecure page (no mediaDevices) as media-failed', async () => {
    const got = await acquireUserMedia(undefined, { audio: true, video: false });
    expect(got.errors.map((e) => e.reason)).toEqual(['media-failed']);
  });

  it('asks for nothing when nothing is wanted', async () => {
    const d = devices({ audio: true, video: true });
    expect(await acquireUserMedia(d, { audio: false, video: false })).toEqual({
      microphone: null,
      camera: null,
      errors: [],
    });
    expect(d.calls).toEqual([]);
  });
});
