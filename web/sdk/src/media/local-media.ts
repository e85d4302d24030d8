import type { MediaState } from '../chat/envelope.js';
import { Emitter } from '../emitter.js';
import { ParleyError, toParleyError } from '../errors.js';
import { acquireOne, acquireUserMedia, type TrackRequest, type UserMediaRequest } from './acquire.js';

/** The local tracks and the two streams they are sent in. */
export interface LocalTracks {
  readonly microphone: MediaStreamTrack | null;
  readonly camera: MediaStreamTrack | null;
  readonly screen: MediaStreamTrack | null;
  /**
   * Microphone and camera, in one stream whose id stays the same for the whole call, so peers
   * keep grouping them after devices are switched or the camera is turned off and on.
   */
  readonly userStream: MediaStream | null;
  readonly screenStream: MediaStream | null;
}

export interface LocalMediaEvents {
  /** A track was added, replaced, removed, muted or unmuted. */
  change: LocalTracks;
}

export type DeviceKind = 'audioinput' | 'videoinput';

/**
 * The local microphone, camera and screen capture. Operations run one at a time, in call
 * order; each re-checks after its awaits that the media was not stopped meanwhile.
 */
export class LocalMedia extends Emitter<LocalMediaEvents> {
  private microphone: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private microphoneOn = true;
  private audioRequest: TrackRequest = true;
  private videoRequest: TrackRequest = true;
  private userStream: MediaStream | null = null;
  private screenStream: MediaStream | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly devices: () => MediaDevices | undefined) {
    super();
  }

  tracks(): LocalTracks {
    return {
      microphone: this.microphone,
      camera: this.camera,
      screen: this.screen,
      userStream: this.userStream,
      screenStream: this.screenStream,
    };
  }

  state(): MediaState {
    return {
      audio: this.microphone !== null && this.microphoneOn,
      video: this.camera !== null,
      screen: this.screen !== null,
    };
  }

  /**
   * Captures what is asked for (or adopts the tracks of a stream the app already has, from a
   * pre-join preview). Returns the devices that could not be had; never throws for them.
   */
  start(request: UserMediaRequest | { readonly stream: MediaStream }): Promise<readonly ParleyError[]> {
    return this.run(async () => {
      if ('stream' in request) {
        this.setTrack('microphone', request.stream.getAudioTracks()[0] ?? null);
        this.setTrack('camera', request.stream.getVideoTracks()[0] ?? null);
        return [];
      }
      this.audioRequest = request.audio === false ? true : request.audio;
      this.videoRequest = request.video === false ? true : request.video;
      const got = await acquireUserMedia(this.devices(), request);
      if (this.stopped) {
        got.microphone?.stop();
        got.camera?.stop();
        return [];
      }
      this.setTrack('microphone', got.microphone);
      this.setTrack('camera', got.camera);
      return got.errors;
    });
  }

  /** Mutes or unmutes. Unmuting with no microphone yet asks for one (and may throw). */
  setMicrophone(on: boolean): Promise<void> {
    return this.run(async () => {
      this.microphoneOn = on;
      if (this.microphone) {
        this.microphone.enabled = on;
        this.emit('change', this.tracks());
      } else if (on) {
        const track = await this.capture('microphone', this.audioRequest);
        track.enabled = this.microphoneOn;
        this.setTrack('microphone', track);
      }
    });
  }

  /** Turning the camera off stops it (its light goes out); on captures it again. */
  setCamera(on: boolean): Promise<void> {
    return this.run(async () => {
      if (!on) {
        this.setTrack('camera', null);
      } else if (!this.camera) {
        this.setTrack('camera', await this.capture('camera', this.videoRequest));
      }
    });
  }

  /**
   * Switches to another microphone or camera. The new device is captured before the old one
   * stops, so a failure leaves the call as it was. A camera that is off only remembers the
   * choice for when it is turned on.
   */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.run(async () => {
      const device = kind === 'audioinput' ? 'microphone' : 'camera';
      const base = device === 'microphone' ? this.audioRequest : this.videoRequest;
      const request: MediaTrackConstraints = {
        ...(typeof base === 'object' ? base : {}),
        deviceId: { exact: deviceId },
      };
      if (device === 'microphone') this.audioRequest = request;
      else this.videoRequest = request;
      if ((device === 'microphone' ? this.microphone : this.camera) === null) {
        return;
      }
      const track = await this.capture(device, request);
      if (device === 'microphone') track.enabled = this.microphoneOn;
      this.setTrack(device, track);
    });
  }

  startScreenShare(): Promise<void> {
    return this.run(async () => {
      if (this.screen) return;
      const devices = this.devices();
      if (!devices?.getDisplayMedia) {
        throw new ParleyError('media-failed', 'this browser cannot share the screen');
      }
      let stream: MediaStream;
      try {
        stream = await devices.getDisplayMedia({ video: true, audio: false });
      } catch (error) {
        throw toParleyError({ kind: 'media', device: 'screen', error });
      }
      const track = stream.getVideoTracks()[0];
      if (!track) throw new ParleyError('no-device', 'screen capture produced no video');
      if (this.stopped) {
        track.stop();
        throw new ParleyError('closed', 'the room was closed');
      }
      track.contentHint = 'detail';
      // The browser's own "Stop sharing" button ends the track without telling us otherwise.
      track.addEventListener('ended', () => {
        if (this.screen === track) void this.stopScreenShare();
      });
      this.setTrack('screen', track);
    });
  }

  stopScreenShare(): Promise<void> {
    return this.run(async () => this.setTrack('screen', null));
  }

  /** Stops every track; later operations do nothing. */
  stop(): void {
    this.stopped = true;
    for (const slot of ['microphone', 'camera', 'screen'] as const) {
      this[slot]?.stop();
      this[slot] = null;
    }
  }

  private async capture(device: 'microphone' | 'camera', request: TrackRequest): Promise<MediaStreamTrack> {
    const { track, error } = await acquireOne(this.devices(), device, request);
    if (error || !track) {
      throw error ?? new ParleyError('no-device', `no ${device} was found`);
    }
    if (this.stopped) {
      track.stop();
      throw new ParleyError('closed', 'the room was closed');
    }
    return track;
  }

  /** Puts a track in a slot (stopping the one it replaces) and announces the change. */
  private setTrack(slot: 'microphone' | 'camera' | 'screen', track: MediaStreamTrack | null): void {
    const old = this[slot];
    if (old === track) return;
    const stream =
      slot === 'screen' ? (this.screenStream ??= new MediaStream()) : (this.userStream ??= new MediaStream());
    if (old) {
      old.stop();
      stream.removeTrack(old);
    }
    if (track) {
      stream.addTrack(track);
    }
    this[slot] = track;
    this.emit('change', this.tracks());
  }

  private run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.chain.then(() => {
      if (this.stopped) throw new ParleyError('closed', 'the room was closed');
      return operation();
    });
    this.chain = result.catch(() => undefined);
    return result;
  }
}
