import { toParleyError, type ParleyError } from '../errors.js';

export type TrackRequest = boolean | MediaTrackConstraints;

export interface UserMediaRequest {
  readonly audio: TrackRequest;
  readonly video: TrackRequest;
}

export interface Acquired {
  readonly microphone: MediaStreamTrack | null;
  readonly camera: MediaStreamTrack | null;
  /** One per device that was asked for and could not be had; the call goes on without it. */
  readonly errors: readonly ParleyError[];
}

type Capture = Pick<MediaDevices, 'getUserMedia'>;

/**
 * Gets the microphone and camera asked for, settling for what there is. One prompt for both
 * first; if that fails for a reason other than a refusal (a missing camera fails the whole
 * request in Chromium), each device is tried on its own, so a laptop without a camera still
 * joins with its microphone. A refusal is not retried: the user said no.
 */
export async function acquireUserMedia(devices: Capture | undefined, request: UserMediaRequest): Promise<Acquired> {
  const wantAudio = request.audio !== false;
  const wantVideo = request.video !== false;
  if (!wantAudio && !wantVideo) {
    return { microphone: null, camera: null, errors: [] };
  }
  if (!devices) {
    const error = new DOMException(
      'navigator.mediaDevices is missing: the page must be served over https or from localhost',
      'NotSupportedError',
    );
    return {
      microphone: null,
      camera: null,
      errors: [toParleyError({ kind: 'media', device: wantVideo ? 'camera' : 'microphone', error })],
    };
  }
  try {
    const stream = await devices.getUserMedia({ audio: request.audio, video: request.video });
    return { microphone: stream.getAudioTracks()[0] ?? null, camera: stream.getVideoTracks()[0] ?? null, errors: [] };
  } catch (error) {
    const device = wantAudio && wantVideo ? 'camera and microphone' : wantVideo ? 'camera' : 'microphone';
    const first = toParleyError({ kind: 'media', device, error });
    if (first.reason === 'media-denied' || !(wantAudio && wantVideo)) {
      return { microphone: null, camera: null, errors: [first] };
    }
  }
  const microphone = await one(devices, 'microphone', request.audio);
  const camera = await one(devices, 'camera', request.video);
  return {
    microphone: microphone.track,
    camera: camera.track,
    errors: [microphone.error, camera.error].filter((e): e is ParleyError => e !== null),
  };
}

/** Gets one device alone. */
export async function acquireOne(
  devices: Capture | undefined,
  device: 'microphone' | 'camera',
  constraints: TrackRequest,
): Promise<{ track: MediaStreamTrack | null; error: ParleyError | null }> {
  if (!devices) {
    const error = new DOMException(
      'navigator.mediaDevices is missing: the page must be served over https or from localhost',
      'NotSupportedError',
    );
    return { track: null, error: toParleyError({ kind: 'media', device, error }) };
  }
  return one(devices, device, constraints);
}

async function one(
  devices: Capture,
  device: 'microphone' | 'camera',
  constraints: TrackRequest,
): Promise<{ track: MediaStreamTrack | null; error: ParleyError | null }> {
  const kind = device === 'microphone' ? 'audio' : 'video';
  try {
    const stream = await devices.getUserMedia({ [kind]: constraints === false ? true : constraints });
    const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null;
    return { track, error: null };
  } catch (error) {
    return { track: null, error: toParleyError({ kind: 'media', device, error }) };
  }
}
