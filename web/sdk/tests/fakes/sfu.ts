/**
 * Media-bearing fakes for the SFU tests: tracks, streams, and a peer connection whose
 * transceivers the tests can inspect. A fake offer's SDP names its m= sections as
 * `mid:<mid> <kind>`; applying it makes a receiving transceiver for each new mid.
 */
import { FakePeerConnection } from './rtc.js';

let nextId = 0;

export class FakeTrack {
  readonly id: string;
  enabled = true;
  readyState: MediaStreamTrackState = 'live';
  stopped = false;

  constructor(
    readonly kind: 'audio' | 'video',
    id?: string,
  ) {
    this.id = id ?? `${kind}-${++nextId}`;
  }

  stop(): void {
    this.stopped = true;
    this.readyState = 'ended';
  }

  addEventListener(): void {}
  removeEventListener(): void {}
}

export class FakeMediaStream {
  readonly id = `stream-${++nextId}`;
  private readonly tracks: FakeTrack[];

  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }

  addTrack(track: FakeTrack): void {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }

  removeTrack(track: FakeTrack): void {
    const i = this.tracks.indexOf(track);
    if (i >= 0) this.tracks.splice(i, 1);
  }

  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }

  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }

  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }

  addEventListener(): void {}
}

export class FakeSender {
  constructor(public track: FakeTrack | null) {}

  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
  }
}

export class FakeTransceiver {
  readonly sender: FakeSender;
  readonly receiver: { readonly track: FakeTrack };

  constructor(
    readonly kind: 'audio' | 'video',
    public direction: RTCRtpTransceiverDirection,
    public mid: string | null,
    sendTrack: FakeTrack | null,
    readonly init: RTCRtpTransceiverInit,
  ) {
    this.sender = new FakeSender(sendTrack);
    this.receiver = { track: new FakeTrack(kind, `remote-${mid ?? ++nextId}`) };
  }
}

export class FakeMediaPeerConnection extends FakePeerConnection {
  readonly rtp: FakeTransceiver[] = [];

  override addTransceiver(trackOrKind: string | FakeTrack, init: RTCRtpTransceiverInit = {}): FakeTransceiver {
    const kind = (typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind) as 'audio' | 'video';
    super.addTransceiver(kind);
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const transceiver = new FakeTransceiver(kind, init.direction ?? 'sendrecv', null, track, init);
    this.rtp.push(transceiver);
    return transceiver;
  }

  override getTransceivers(): RTCRtpTransceiver[] {
    return this.rtp as unknown as RTCRtpTransceiver[];
  }

  override async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (description.type === 'rollback') {
      this.localDescription = null;
      this.signalingState = 'stable';
      return;
    }
    await super.setLocalDescription(description);
  }

  override async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (description.sdp === 'bad') throw new DOMException('bad sdp', 'OperationError');
    await super.setRemoteDescription(description);
    if (description.type !== 'offer') return;
    for (const [, mid, kind] of (description.sdp ?? '').matchAll(/mid:(\S+) (audio|video)/g)) {
      if (!this.rtp.some((t) => t.mid === mid))
        this.rtp.push(new FakeTransceiver(kind as 'audio' | 'video', 'recvonly', mid as string, null, {}));
    }
  }

  /** What the transceivers send: kind, direction, track id and encodings. */
  sending(): { kind: string; direction: string; track: string | null; encodings?: RTCRtpEncodingParameters[] }[] {
    return this.rtp.map((t) => ({
      kind: t.kind,
      direction: t.direction,
      track: t.sender.track?.id ?? null,
      ...(t.init.sendEncodings ? { encodings: t.init.sendEncodings } : {}),
    }));
  }
}
